MATCH (a:Leader {org: $org})-[t:COLLABORATES_WITH]->(b:Leader)
RETURN t {.id, .strength, .kind, leader_a_id: a.id, leader_b_id: b.id} AS row
ORDER BY t.id
