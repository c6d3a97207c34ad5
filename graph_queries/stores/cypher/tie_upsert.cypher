// A relationship cannot change its ends, so an update replaces it.
UNWIND $rows AS row
CALL (row) { MATCH ()-[old:COLLABORATES_WITH {org: $org, id: row.id}]->() DELETE old }
MATCH (a:Leader {org: $org, id: row.leader_a_id}), (b:Leader {org: $org, id: row.leader_b_id})
CREATE (a)-[:COLLABORATES_WITH {org: $org, id: row.id, strength: row.strength,
                                kind: row.kind, sort: row.sort}]->(b)
