UNWIND $ids AS id
MATCH ()-[t:COLLABORATES_WITH {org: $org, id: id}]->()
DELETE t
