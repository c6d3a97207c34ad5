// Runs after every unit and leader of the batch exists.
UNWIND $rows AS row
MATCH (l:Leader {org: $org, id: row.id})
CALL (l) { MATCH (l)-[old:MEMBER_OF|REPORTS_TO]->() DELETE old }
WITH l, row
MATCH (unit:Unit {org: $org, id: row.unit_id})
CREATE (l)-[:MEMBER_OF]->(unit)
WITH l, row WHERE row.reports_to_id IS NOT NULL
MATCH (manager:Leader {org: $org, id: row.reports_to_id})
CREATE (l)-[:REPORTS_TO]->(manager)
