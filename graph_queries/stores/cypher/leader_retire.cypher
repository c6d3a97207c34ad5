// Up to $limit leaders stored under the generation $org, with what hangs on them.
MATCH (n:Leader {org: $org})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
