UNWIND $rows AS row
MERGE (c:Conflict {org: $org, id: row.id})
// Dates arrive as ISO text and are kept as Neo4j dates.
SET c.dependency_id = row.dependency_id, c.summary = row.summary, c.severity = row.severity,
    c.status = row.status, c.raised_at = date(row.raised_at), c.resolved_at = date(row.resolved_at),
    c.search = toLower(row.summary), c.sort = row.sort
