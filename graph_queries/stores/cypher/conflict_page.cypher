// The count and the page share one filter; only the page is sent back. Natural order of ids is
// (`sort`, `id`); the page is read forward or, with $backward, backward from the end of its
// bounds. The count also says whether a match lies at or before $after, or at or after $before.
CALL () {
  MATCH (c:Conflict {org: $org})
  WHERE ($text IS NULL OR c.search CONTAINS $text)
    AND ($status IS NULL OR c.status = $status)
    AND ($raised_from IS NULL OR c.raised_at >= date($raised_from))
    AND ($raised_to IS NULL OR c.raised_at <= date($raised_to))
    AND ($unit_id IS NULL OR EXISTS { (c)-[:INVOLVES]->(:Unit {id: $unit_id}) })
  RETURN count(c) AS total,
         count(CASE WHEN c.sort < $after_sort OR (c.sort = $after_sort AND c.id <= $after_id)
                    THEN 1 END) > 0 AS up_to_after,
         count(CASE WHEN c.sort > $before_sort OR (c.sort = $before_sort AND c.id >= $before_id)
                    THEN 1 END) > 0 AS from_before
}
CALL () {
  MATCH (c:Conflict {org: $org})
  WHERE ($text IS NULL OR c.search CONTAINS $text)
    AND ($status IS NULL OR c.status = $status)
    AND ($raised_from IS NULL OR c.raised_at >= date($raised_from))
    AND ($raised_to IS NULL OR c.raised_at <= date($raised_to))
    AND ($unit_id IS NULL OR EXISTS { (c)-[:INVOLVES]->(:Unit {id: $unit_id}) })
    AND ($after_sort IS NULL OR c.sort > $after_sort
         OR (c.sort = $after_sort AND c.id > $after_id))
    AND ($before_sort IS NULL OR c.sort < $before_sort
         OR (c.sort = $before_sort AND c.id < $before_id))
  // One direction's keys are null (equal for all rows), so the other's decide.
  WITH c ORDER BY
    CASE WHEN $backward THEN null ELSE c.sort END, CASE WHEN $backward THEN null ELSE c.id END,
    CASE WHEN $backward THEN c.sort END DESC, CASE WHEN $backward THEN c.id END DESC
  LIMIT $limit
  MATCH (a:Unit)<-[:INVOLVES {side: 'A'}]-(c)-[:INVOLVES {side: 'B'}]->(b:Unit)
  RETURN collect(c {.id, .dependency_id, .summary, .severity, .status,
                    raised_at: toString(c.raised_at), resolved_at: toString(c.resolved_at),
                    unit_a_id: a.id, unit_b_id: b.id}) AS rows
}
RETURN total, up_to_after, from_before, rows
