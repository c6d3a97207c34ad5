// The count and the page share one filter; only the page is sent back. Natural order of ids is
// (`sort`, `id`); the page is read forward or, with $backward, backward from the end of its
// bounds. The count also says whether a match lies at or before $after, or at or after $before.
CALL () {
  MATCH (l:Leader {org: $org})-[:MEMBER_OF]->(unit:Unit)
  WHERE ($text IS NULL OR l.search CONTAINS $text)
    AND ($level IS NULL OR l.level = $level)
    AND ($unit_id IS NULL OR unit.id = $unit_id)
    AND ($attribute IS NULL OR $attribute IN l.attributes)
  RETURN count(l) AS total,
         count(CASE WHEN l.sort < $after_sort OR (l.sort = $after_sort AND l.id <= $after_id)
                    THEN 1 END) > 0 AS up_to_after,
         count(CASE WHEN l.sort > $before_sort OR (l.sort = $before_sort AND l.id >= $before_id)
                    THEN 1 END) > 0 AS from_before
}
CALL () {
  MATCH (l:Leader {org: $org})-[:MEMBER_OF]->(unit:Unit)
  WHERE ($text IS NULL OR l.search CONTAINS $text)
    AND ($level IS NULL OR l.level = $level)
    AND ($unit_id IS NULL OR unit.id = $unit_id)
    AND ($attribute IS NULL OR $attribute IN l.attributes)
    AND ($after_sort IS NULL OR l.sort > $after_sort
         OR (l.sort = $after_sort AND l.id > $after_id))
    AND ($before_sort IS NULL OR l.sort < $before_sort
         OR (l.sort = $before_sort AND l.id < $before_id))
  // One direction's keys are null (equal for all rows), so the other's decide.
  WITH l, unit ORDER BY
    CASE WHEN $backward THEN null ELSE l.sort END, CASE WHEN $backward THEN null ELSE l.id END,
    CASE WHEN $backward THEN l.sort END DESC, CASE WHEN $backward THEN l.id END DESC
  LIMIT $limit
  OPTIONAL MATCH (l)-[:REPORTS_TO]->(manager:Leader)
  RETURN collect(
    l {.id, .name, .title, .level, .attributes, unit_id: unit.id, reports_to_id: manager.id}
  ) AS rows
}
RETURN total, up_to_after, from_before, rows
