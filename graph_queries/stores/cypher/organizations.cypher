MATCH (o:Organization)
RETURN o.id AS id, o.name AS name
ORDER BY o.id
