// The count and the page share one filter; only the page is sent back.
CALL () {
  MATCH (c:Conflict {org: $org})
  WHERE ($text IS NULL OR c.search CONTAINS $text)
    AND ($status IS NULL OR c.status = $status)
    AND ($raised_from IS NULL OR c.raised_at >= date($raised_from))
    AND ($raised_to IS NULL OR c.raised_at <= date($raised_to))
    AND ($unit_id IS NULL OR EXISTS { (c)-[:INVOLVES]->(:Unit {id: $unit_id}) })
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Conflict {org: $org})
  WHERE ($text IS NULL OR c.search CONTAINS $text)
    AND ($status IS NULL OR c.status = $status)
    AND ($raised_from IS NULL OR c.raised_at >= date($raised_from))
    AND ($raised_to IS NULL OR c.raised_at <= date($raised_to))
    AND ($unit_id IS NULL OR EXISTS { (c)-[:INVOLVES]->(:Unit {id: $unit_id}) })
    AND ($after IS NULL OR c.id > $after)
  WITH c ORDER BY c.id LIMIT $limit
  MATCH (a:Unit)<-[:INVOLVES {side: 'A'}]-(c)-[:INVOLVES {side: 'B'}]->(b:Unit)
  RETURN collect(c {.id, .dependency_id, .summary, .severity, .status,
                    raised_at: toString(c.raised_at), resolved_at: toString(c.resolved_at),
                    unit_a_id: a.id, unit_b_id: b.id}) AS rows
}
RETURN total, rows
