UNWIND $keys AS key
MATCH (a:Unit)<-[:INVOLVES {side: 'A'}]-(c:Conflict {org: $org, dependency_id: key})
      -[:INVOLVES {side: 'B'}]->(b:Unit)
RETURN key, c {.id, .dependency_id, .summary, .severity, .raised_at, .resolved_at, .status,
               unit_a_id: a.id, unit_b_id: b.id} AS row
ORDER BY c.id
