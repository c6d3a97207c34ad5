UNWIND $rows AS row
MERGE (l:Leader {org: $org, id: row.id})
SET l.name = row.name, l.title = row.title, l.level = row.level, l.attributes = row.attributes,
    l.search = toLower(row.name + ' ' + row.title), l.sort = row.sort
