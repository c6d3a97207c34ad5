// Entities stored before pages ordered by `sort`: `migrate` gives them their sort text.
MATCH (n)
WHERE (n:Unit OR n:Leader OR n:Conflict) AND n.sort IS NULL AND n.id IS NOT NULL
RETURN elementId(n) AS element, n.id AS id
LIMIT $limit
