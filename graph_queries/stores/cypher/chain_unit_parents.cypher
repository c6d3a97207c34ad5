// The unit, its parent, its parent's parent... up to a root: the longest PART_OF path from it
// (each unit has at most one parent, so there are as many paths as steps up).
MATCH path = (:Unit {org: $org, id: $id})-[:PART_OF*0..]->(:Unit)
RETURN [node IN nodes(path) | node.id] AS ids
ORDER BY length(path) DESC
LIMIT 1
