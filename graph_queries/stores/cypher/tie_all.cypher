// Sent as lists of up to $chunk rows: one record a row cost the driver ten times the query.
MATCH (a:Leader {org: $org})-[t:COLLABORATES_WITH]->(b:Leader)
WITH a, t, b ORDER BY t.id
WITH collect(t {.id, .strength, .kind, leader_a_id: a.id, leader_b_id: b.id}) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS start
RETURN rows[start..start + $chunk] AS rows
