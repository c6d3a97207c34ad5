UNWIND $ids AS id
MATCH (l:Leader {org: $org, id: id})
DETACH DELETE l
