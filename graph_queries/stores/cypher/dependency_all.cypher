// Sent as lists of up to $chunk rows: one record a row cost the driver ten times the query.
MATCH (a:Unit {org: $org})-[d:DEPENDS_ON]->(b:Unit)
WITH a, d, b ORDER BY d.id
WITH collect(d {.id, .criticality, .reliability, .description, .owner_ids,
                from_unit_id: a.id, to_unit_id: b.id}) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS start
RETURN rows[start..start + $chunk] AS rows
