// Everything an organization holds; relationships go with their nodes.
CALL (*) { MATCH (u:Unit {org: $org}) DETACH DELETE u }
CALL (*) { MATCH (l:Leader {org: $org}) DETACH DELETE l }
CALL (*) { MATCH (c:Conflict {org: $org}) DETACH DELETE c }
