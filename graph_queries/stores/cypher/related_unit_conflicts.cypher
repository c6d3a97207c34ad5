UNWIND $keys AS key
MATCH (:Unit {org: $org, id: key})<-[:INVOLVES]-(c:Conflict)
MATCH (a:Unit)<-[:INVOLVES {side: 'A'}]-(c)-[:INVOLVES {side: 'B'}]->(b:Unit)
RETURN key, c {.id, .dependency_id, .summary, .severity, .status,
               raised_at: toString(c.raised_at), resolved_at: toString(c.resolved_at),
               unit_a_id: a.id, unit_b_id: b.id} AS row
ORDER BY c.sort, c.id
