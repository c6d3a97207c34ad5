// The organization and its analysis snapshots (at most UNSILO_SNAPSHOTS_KEPT of them).
MATCH (o:Organization {id: $org})
OPTIONAL MATCH (s:AnalysisSnapshot {organization: $org})
DETACH DELETE o, s
RETURN count(*) AS deleted
