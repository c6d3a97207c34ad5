UNWIND $ids AS id
MATCH (a:Unit)-[d:DEPENDS_ON {org: $org, id: id}]->(b:Unit)
RETURN d {.id, .criticality, .reliability, .description, .owner_ids,
          from_unit_id: a.id, to_unit_id: b.id} AS row
