// The ties between each pair of leaders, stored in either direction.
UNWIND $pairs AS pair
MATCH (a:Leader {org: $org, id: pair[0]})-[t:COLLABORATES_WITH]-(b:Leader {org: $org, id: pair[1]})
RETURN pair[0] AS a, pair[1] AS b,
       t {.id, .strength, .kind, leader_a_id: startNode(t).id, leader_b_id: endNode(t).id} AS row
ORDER BY t.sort, t.id
