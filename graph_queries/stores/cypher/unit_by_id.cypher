UNWIND $ids AS id
MATCH (u:Unit {org: $org, id: id})
OPTIONAL MATCH (u)-[:PART_OF]->(parent:Unit)
RETURN u {.id, .name, .kind, .attributes, parent_id: parent.id} AS row
