// Entities stored before pages ordered by `sort`: `migrate` gives them their sort text.
MATCH ()-[r:DEPENDS_ON|COLLABORATES_WITH]->()
WHERE r.sort IS NULL AND r.id IS NOT NULL
RETURN elementId(r) AS element, r.id AS id
LIMIT $limit
