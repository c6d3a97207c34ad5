UNWIND $keys AS key
MATCH (:Leader {org: $org, id: key})-[t:COLLABORATES_WITH]-(:Leader)
RETURN key, t {.id, .strength, .kind,
               leader_a_id: startNode(t).id, leader_b_id: endNode(t).id} AS row
ORDER BY t.sort, t.id
