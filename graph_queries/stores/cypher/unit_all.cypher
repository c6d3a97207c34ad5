MATCH (u:Unit {org: $org})
OPTIONAL MATCH (u)-[:PART_OF]->(parent:Unit)
RETURN u {.id, .name, .kind, parent_id: parent.id} AS row
ORDER BY u.id
