UNWIND $ids AS id
MATCH (c:Conflict {org: $org, id: id})
DETACH DELETE c
