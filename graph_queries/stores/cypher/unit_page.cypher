// The count and the page share one filter; only the page is sent back.
CALL () {
  MATCH (u:Unit {org: $org})
  WHERE ($text IS NULL OR u.search CONTAINS $text)
    AND ($kind IS NULL OR u.kind = $kind)
    AND ($parent_id IS NULL OR EXISTS { (u)-[:PART_OF]->(:Unit {id: $parent_id}) })
    AND ($attribute IS NULL OR $attribute IN u.attributes)
  RETURN count(u) AS total
}
CALL () {
  MATCH (u:Unit {org: $org})
  WHERE ($text IS NULL OR u.search CONTAINS $text)
    AND ($kind IS NULL OR u.kind = $kind)
    AND ($parent_id IS NULL OR EXISTS { (u)-[:PART_OF]->(:Unit {id: $parent_id}) })
    AND ($attribute IS NULL OR $attribute IN u.attributes)
    AND ($after IS NULL OR u.id > $after)
  WITH u ORDER BY u.id LIMIT $limit
  OPTIONAL MATCH (u)-[:PART_OF]->(parent:Unit)
  RETURN collect(u {.id, .name, .kind, .attributes, parent_id: parent.id}) AS rows
}
RETURN total, rows
