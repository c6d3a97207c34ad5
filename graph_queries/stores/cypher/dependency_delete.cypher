UNWIND $ids AS id
MATCH ()-[d:DEPENDS_ON {org: $org, id: id}]->()
DELETE d
