// For an organization just cleared (an import): nothing to replace, so no lookup first.
UNWIND $rows AS row
MATCH (a:Leader {org: $org, id: row.leader_a_id}), (b:Leader {org: $org, id: row.leader_b_id})
CREATE (a)-[:COLLABORATES_WITH {org: $org, id: row.id, strength: row.strength,
                                kind: row.kind, sort: row.sort}]->(b)
