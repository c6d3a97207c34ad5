MATCH (o:Organization)
WHERE o.id IN $ids
RETURN o.id AS id, o.name AS name
