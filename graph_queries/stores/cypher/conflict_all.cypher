// Sent as lists of up to $chunk rows: one record a row cost the driver ten times the query.
MATCH (a:Unit)<-[:INVOLVES {side: 'A'}]-(c:Conflict {org: $org})-[:INVOLVES {side: 'B'}]->(b:Unit)
WITH a, c, b ORDER BY c.id
WITH collect(c {.id, .dependency_id, .summary, .severity, .status,
                raised_at: toString(c.raised_at), resolved_at: toString(c.resolved_at),
                unit_a_id: a.id, unit_b_id: b.id}) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS start
RETURN rows[start..start + $chunk] AS rows
