// Sent as lists of up to $chunk rows: one record a row cost the driver ten times the query.
MATCH (u:Unit {org: $org})
OPTIONAL MATCH (u)-[:PART_OF]->(parent:Unit)
WITH u, parent ORDER BY u.id
WITH collect(u {.id, .name, .kind, .attributes, parent_id: parent.id}) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS start
RETURN rows[start..start + $chunk] AS rows
