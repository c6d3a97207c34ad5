MATCH (s:AnalysisSnapshot {organization: $organization})
RETURN s.effective_date AS effective_date, s.graph_version AS graph_version,
       s.summary_format AS summary_format, s.captured_at AS captured_at, s.summary AS summary
ORDER BY s.effective_date, s.graph_version
