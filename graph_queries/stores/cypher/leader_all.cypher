MATCH (l:Leader {org: $org})-[:MEMBER_OF]->(unit:Unit)
OPTIONAL MATCH (l)-[:REPORTS_TO]->(manager:Leader)
RETURN l {.id, .name, .title, .level, unit_id: unit.id, reports_to_id: manager.id} AS row
ORDER BY l.id
