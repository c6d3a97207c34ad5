// Up to $limit dependency relationships stored under the generation $org.
MATCH ()-[r:DEPENDS_ON {org: $org}]->()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
