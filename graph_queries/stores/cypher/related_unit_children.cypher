UNWIND $keys AS key
MATCH (:Unit {org: $org, id: key})<-[:PART_OF]-(u:Unit)
RETURN key, u {.id, .name, .kind, .attributes, parent_id: key} AS row
ORDER BY u.sort, u.id
