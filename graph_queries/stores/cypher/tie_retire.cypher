// Up to $limit tie relationships stored under the generation $org.
MATCH ()-[r:COLLABORATES_WITH {org: $org}]->()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
