// Runs after every unit of the batch exists, so parents may come in the same batch.
UNWIND $rows AS row
MATCH (u:Unit {org: $org, id: row.id})
CALL (u) { MATCH (u)-[old:PART_OF]->() DELETE old }
WITH u, row WHERE row.parent_id IS NOT NULL
MATCH (parent:Unit {org: $org, id: row.parent_id})
CREATE (u)-[:PART_OF]->(parent)
