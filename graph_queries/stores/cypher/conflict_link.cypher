// Runs after every unit of the batch exists.
UNWIND $rows AS row
MATCH (c:Conflict {org: $org, id: row.id})
CALL (c) { MATCH (c)-[old:INVOLVES]->() DELETE old }
WITH c, row
MATCH (a:Unit {org: $org, id: row.unit_a_id}), (b:Unit {org: $org, id: row.unit_b_id})
CREATE (c)-[:INVOLVES {side: 'A'}]->(a), (c)-[:INVOLVES {side: 'B'}]->(b)
