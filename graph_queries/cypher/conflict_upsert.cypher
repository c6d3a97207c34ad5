UNWIND $rows AS row
MERGE (c:Conflict {org: $org, id: row.id})
SET c.dependency_id = row.dependency_id, c.summary = row.summary, c.severity = row.severity,
    c.raised_at = row.raised_at, c.resolved_at = row.resolved_at, c.status = row.status,
    c.search = toLower(row.summary)
