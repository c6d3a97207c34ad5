UNWIND $ids AS id
MATCH (a:Leader)-[t:COLLABORATES_WITH {org: $org, id: id}]->(b:Leader)
RETURN t {.id, .strength, .kind, leader_a_id: a.id, leader_b_id: b.id} AS row
