UNWIND $keys AS key
MATCH (a:Unit)-[d:DEPENDS_ON]->(:Unit {org: $org, id: key})
RETURN key, d {.id, .criticality, .reliability, .description, .owner_ids,
               from_unit_id: a.id, to_unit_id: key} AS row
ORDER BY d.sort, d.id
