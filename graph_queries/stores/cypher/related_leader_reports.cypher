UNWIND $keys AS key
MATCH (:Leader {org: $org, id: key})<-[:REPORTS_TO]-(l:Leader)-[:MEMBER_OF]->(unit:Unit)
RETURN key, l {.id, .name, .title, .level, .attributes, unit_id: unit.id, reports_to_id: key} AS row
ORDER BY l.sort, l.id
