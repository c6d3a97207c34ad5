UNWIND $keys AS key
MATCH (a:Unit {org: $org})-[d:DEPENDS_ON]->(b:Unit)
WHERE key IN d.owner_ids
RETURN key, d {.id, .criticality, .reliability, .description, .owner_ids,
               from_unit_id: a.id, to_unit_id: b.id} AS row
ORDER BY d.sort, d.id
