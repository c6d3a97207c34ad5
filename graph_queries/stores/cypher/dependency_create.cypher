// For an organization just cleared (an import): nothing to replace, so no lookup first.
UNWIND $rows AS row
MATCH (a:Unit {org: $org, id: row.from_unit_id}), (b:Unit {org: $org, id: row.to_unit_id})
CREATE (a)-[:DEPENDS_ON {org: $org, id: row.id, criticality: row.criticality,
                         reliability: row.reliability, description: row.description,
                         owner_ids: row.owner_ids, search: toLower(row.description),
                         sort: row.sort}]->(b)
