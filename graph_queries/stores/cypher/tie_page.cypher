// The count and the page share one filter; only the page is sent back. Natural order of ids is
// (`sort`, `id`); the page is read forward or, with $backward, backward from the end of its
// bounds. The count also says whether a match lies at or before $after, or at or after $before.
CALL () {
  MATCH (a:Leader {org: $org})-[t:COLLABORATES_WITH]->(b:Leader)
  WHERE ($kind IS NULL OR t.kind = $kind)
    AND ($leader_id IS NULL OR a.id = $leader_id OR b.id = $leader_id)
  RETURN count(t) AS total,
         count(CASE WHEN t.sort < $after_sort OR (t.sort = $after_sort AND t.id <= $after_id)
                    THEN 1 END) > 0 AS up_to_after,
         count(CASE WHEN t.sort > $before_sort OR (t.sort = $before_sort AND t.id >= $before_id)
                    THEN 1 END) > 0 AS from_before
}
CALL () {
  MATCH (a:Leader {org: $org})-[t:COLLABORATES_WITH]->(b:Leader)
  WHERE ($kind IS NULL OR t.kind = $kind)
    AND ($leader_id IS NULL OR a.id = $leader_id OR b.id = $leader_id)
    AND ($after_sort IS NULL OR t.sort > $after_sort
         OR (t.sort = $after_sort AND t.id > $after_id))
    AND ($before_sort IS NULL OR t.sort < $before_sort
         OR (t.sort = $before_sort AND t.id < $before_id))
  // One direction's keys are null (equal for all rows), so the other's decide.
  WITH a, t, b ORDER BY
    CASE WHEN $backward THEN null ELSE t.sort END, CASE WHEN $backward THEN null ELSE t.id END,
    CASE WHEN $backward THEN t.sort END DESC, CASE WHEN $backward THEN t.id END DESC
  LIMIT $limit
  RETURN collect(t {.id, .strength, .kind, leader_a_id: a.id, leader_b_id: b.id}) AS rows
}
RETURN total, up_to_after, from_before, rows
