// Up to $limit units stored under the generation $org, with what hangs on them.
MATCH (n:Unit {org: $org})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
