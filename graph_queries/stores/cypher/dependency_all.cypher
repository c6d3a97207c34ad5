MATCH (a:Unit {org: $org})-[d:DEPENDS_ON]->(b:Unit)
RETURN d {.id, .criticality, .reliability, .description, .owner_ids,
          from_unit_id: a.id, to_unit_id: b.id} AS row
ORDER BY d.id
