UNWIND $ids AS id
MATCH (l:Leader {org: $org, id: id})-[:MEMBER_OF]->(unit:Unit)
OPTIONAL MATCH (l)-[:REPORTS_TO]->(manager:Leader)
RETURN l {.id, .name, .title, .level, .attributes, unit_id: unit.id, reports_to_id: manager.id} AS row
