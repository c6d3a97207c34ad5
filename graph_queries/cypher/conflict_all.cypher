MATCH (a:Unit)<-[:INVOLVES {side: 'A'}]-(c:Conflict {org: $org})-[:INVOLVES {side: 'B'}]->(b:Unit)
RETURN c {.id, .dependency_id, .summary, .severity, .raised_at, .resolved_at, .status,
          unit_a_id: a.id, unit_b_id: b.id} AS row
ORDER BY c.id
