UNWIND $rows AS row
MERGE (u:Unit {org: $org, id: row.id})
SET u.name = row.name, u.kind = row.kind, u.attributes = row.attributes,
    u.search = toLower(row.name), u.sort = row.sort
