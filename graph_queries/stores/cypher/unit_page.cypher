// The count and the page share one filter; only the page is sent back. Natural order of ids is
// (`sort`, `id`); the page is read forward or, with $backward, backward from the end of its
// bounds. The count also says whether a match lies at or before $after, or at or after $before.
CALL () {
  MATCH (u:Unit {org: $org})
  WHERE ($text IS NULL OR u.search CONTAINS $text)
    AND ($kind IS NULL OR u.kind = $kind)
    AND ($parent_id IS NULL OR EXISTS { (u)-[:PART_OF]->(:Unit {id: $parent_id}) })
    AND ($attribute IS NULL OR $attribute IN u.attributes)
  RETURN count(u) AS total,
         count(CASE WHEN u.sort < $after_sort OR (u.sort = $after_sort AND u.id <= $after_id)
                    THEN 1 END) > 0 AS up_to_after,
         count(CASE WHEN u.sort > $before_sort OR (u.sort = $before_sort AND u.id >= $before_id)
                    THEN 1 END) > 0 AS from_before
}
CALL () {
  MATCH (u:Unit {org: $org})
  WHERE ($text IS NULL OR u.search CONTAINS $text)
    AND ($kind IS NULL OR u.kind = $kind)
    AND ($parent_id IS NULL OR EXISTS { (u)-[:PART_OF]->(:Unit {id: $parent_id}) })
    AND ($attribute IS NULL OR $attribute IN u.attributes)
    AND ($after_sort IS NULL OR u.sort > $after_sort
         OR (u.sort = $after_sort AND u.id > $after_id))
    AND ($before_sort IS NULL OR u.sort < $before_sort
         OR (u.sort = $before_sort AND u.id < $before_id))
  // One direction's keys are null (equal for all rows), so the other's decide.
  WITH u ORDER BY
    CASE WHEN $backward THEN null ELSE u.sort END, CASE WHEN $backward THEN null ELSE u.id END,
    CASE WHEN $backward THEN u.sort END DESC, CASE WHEN $backward THEN u.id END DESC
  LIMIT $limit
  OPTIONAL MATCH (u)-[:PART_OF]->(parent:Unit)
  RETURN collect(u {.id, .name, .kind, .attributes, parent_id: parent.id}) AS rows
}
RETURN total, up_to_after, from_before, rows
