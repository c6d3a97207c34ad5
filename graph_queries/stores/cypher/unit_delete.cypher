UNWIND $ids AS id
MATCH (u:Unit {org: $org, id: id})
DETACH DELETE u
