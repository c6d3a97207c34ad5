// The count and the page share one filter; only the page is sent back. Natural order of ids is
// (`sort`, `id`); the page is read forward or, with $backward, backward from the end of its
// bounds. The count also says whether a match lies at or before $after, or at or after $before.
CALL () {
  MATCH (a:Unit {org: $org})-[d:DEPENDS_ON]->(b:Unit)
  WHERE ($text IS NULL OR d.search CONTAINS $text)
    AND ($reliability IS NULL OR d.reliability = $reliability)
    AND ($unit_id IS NULL OR a.id = $unit_id OR b.id = $unit_id)
  RETURN count(d) AS total,
         count(CASE WHEN d.sort < $after_sort OR (d.sort = $after_sort AND d.id <= $after_id)
                    THEN 1 END) > 0 AS up_to_after,
         count(CASE WHEN d.sort > $before_sort OR (d.sort = $before_sort AND d.id >= $before_id)
                    THEN 1 END) > 0 AS from_before
}
CALL () {
  MATCH (a:Unit {org: $org})-[d:DEPENDS_ON]->(b:Unit)
  WHERE ($text IS NULL OR d.search CONTAINS $text)
    AND ($reliability IS NULL OR d.reliability = $reliability)
    AND ($unit_id IS NULL OR a.id = $unit_id OR b.id = $unit_id)
    AND ($after_sort IS NULL OR d.sort > $after_sort
         OR (d.sort = $after_sort AND d.id > $after_id))
    AND ($before_sort IS NULL OR d.sort < $before_sort
         OR (d.sort = $before_sort AND d.id < $before_id))
  // One direction's keys are null (equal for all rows), so the other's decide.
  WITH a, d, b ORDER BY
    CASE WHEN $backward THEN null ELSE d.sort END, CASE WHEN $backward THEN null ELSE d.id END,
    CASE WHEN $backward THEN d.sort END DESC, CASE WHEN $backward THEN d.id END DESC
  LIMIT $limit
  RETURN collect(d {.id, .criticality, .reliability, .description, .owner_ids,
                    from_unit_id: a.id, to_unit_id: b.id}) AS rows
}
RETURN total, up_to_after, from_before, rows
