// The count and the page share one filter; only the page is sent back.
CALL () {
  MATCH (a:Unit {org: $org})-[d:DEPENDS_ON]->(b:Unit)
  WHERE ($text IS NULL OR d.search CONTAINS $text)
    AND ($reliability IS NULL OR d.reliability = $reliability)
    AND ($unit_id IS NULL OR a.id = $unit_id OR b.id = $unit_id)
  RETURN count(d) AS total
}
CALL () {
  MATCH (a:Unit {org: $org})-[d:DEPENDS_ON]->(b:Unit)
  WHERE ($text IS NULL OR d.search CONTAINS $text)
    AND ($reliability IS NULL OR d.reliability = $reliability)
    AND ($unit_id IS NULL OR a.id = $unit_id OR b.id = $unit_id)
    AND ($after IS NULL OR d.id > $after)
  WITH a, d, b ORDER BY d.id LIMIT $limit
  RETURN collect(d {.id, .criticality, .reliability, .description, .owner_ids,
                    from_unit_id: a.id, to_unit_id: b.id}) AS rows
}
RETURN total, rows
