// Sent as lists of up to $chunk rows: one record a row cost the driver ten times the query.
MATCH (l:Leader {org: $org})-[:MEMBER_OF]->(unit:Unit)
OPTIONAL MATCH (l)-[:REPORTS_TO]->(manager:Leader)
WITH l, unit, manager ORDER BY l.id
WITH collect(l {.id, .name, .title, .level, .attributes, unit_id: unit.id, reports_to_id: manager.id}) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS start
RETURN rows[start..start + $chunk] AS rows
