UNWIND $keys AS key
MATCH (:Unit {org: $org, id: key})-[d:DEPENDS_ON]->(b:Unit)
RETURN key, d {.id, .criticality, .reliability, .description, .owner_ids,
               from_unit_id: key, to_unit_id: b.id} AS row
ORDER BY d.sort, d.id
