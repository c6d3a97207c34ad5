UNWIND $keys AS key
MATCH (:Unit {org: $org, id: key})<-[:MEMBER_OF]-(l:Leader)
OPTIONAL MATCH (l)-[:REPORTS_TO]->(manager:Leader)
RETURN key, l {.id, .name, .title, .level, .attributes, unit_id: key, reports_to_id: manager.id} AS row
ORDER BY l.sort, l.id
