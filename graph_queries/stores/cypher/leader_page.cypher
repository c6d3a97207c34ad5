// The count and the page share one filter; only the page is sent back.
CALL () {
  MATCH (l:Leader {org: $org})-[:MEMBER_OF]->(unit:Unit)
  WHERE ($text IS NULL OR l.search CONTAINS $text)
    AND ($level IS NULL OR l.level = $level)
    AND ($unit_id IS NULL OR unit.id = $unit_id)
    AND ($attribute IS NULL OR $attribute IN l.attributes)
  RETURN count(l) AS total
}
CALL () {
  MATCH (l:Leader {org: $org})-[:MEMBER_OF]->(unit:Unit)
  WHERE ($text IS NULL OR l.search CONTAINS $text)
    AND ($level IS NULL OR l.level = $level)
    AND ($unit_id IS NULL OR unit.id = $unit_id)
    AND ($attribute IS NULL OR $attribute IN l.attributes)
    AND ($after IS NULL OR l.id > $after)
  WITH l, unit ORDER BY l.id LIMIT $limit
  OPTIONAL MATCH (l)-[:REPORTS_TO]->(manager:Leader)
  RETURN collect(
    l {.id, .name, .title, .level, .attributes, unit_id: unit.id, reports_to_id: manager.id}
  ) AS rows
}
RETURN total, rows
