// The leader, their manager, the manager's manager... up to the top: the longest REPORTS_TO
// path from them (each leader reports to at most one leader).
MATCH path = (:Leader {org: $org, id: $id})-[:REPORTS_TO*0..]->(:Leader)
RETURN [node IN nodes(path) | node.id] AS ids
ORDER BY length(path) DESC
LIMIT 1
