MATCH (o:Organization {id: $org})
DETACH DELETE o
RETURN count(*) AS deleted
