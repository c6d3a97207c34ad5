// Keep one analysis snapshot, replacing one of the same date and graph version. Snapshots are
// keyed by the organization's id, not its generation key: they outlive replaces.
MERGE (s:AnalysisSnapshot {
  organization: $organization, effective_date: $effective_date, graph_version: $graph_version
})
SET s.summary_format = $summary_format, s.captured_at = $captured_at, s.summary = $summary
RETURN count(s) AS saved
