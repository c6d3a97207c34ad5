// The count and the page share one filter; only the page is sent back.
CALL () {
  MATCH (a:Leader {org: $org})-[t:COLLABORATES_WITH]->(b:Leader)
  WHERE ($kind IS NULL OR t.kind = $kind)
    AND ($leader_id IS NULL OR a.id = $leader_id OR b.id = $leader_id)
  RETURN count(t) AS total
}
CALL () {
  MATCH (a:Leader {org: $org})-[t:COLLABORATES_WITH]->(b:Leader)
  WHERE ($kind IS NULL OR t.kind = $kind)
    AND ($leader_id IS NULL OR a.id = $leader_id OR b.id = $leader_id)
    AND ($after IS NULL OR t.id > $after)
  WITH a, t, b ORDER BY t.id LIMIT $limit
  RETURN collect(t {.id, .strength, .kind, leader_a_id: a.id, leader_b_id: b.id}) AS rows
}
RETURN total, rows
