// Drop the oldest snapshots beyond the newest $keep (ISO dates order as text).
MATCH (s:AnalysisSnapshot {organization: $organization})
WITH s ORDER BY s.effective_date DESC, s.graph_version DESC
SKIP $keep
DELETE s
RETURN count(*) AS dropped
