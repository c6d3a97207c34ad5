// Up to $limit conflicts stored under the generation $org, with what hangs on them.
MATCH (n:Conflict {org: $org})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
