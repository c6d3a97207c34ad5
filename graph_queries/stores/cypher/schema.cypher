// Idempotent schema: uniqueness of (organization, id) for every label and relationship type,
// and an index for every filter the API offers. Statements are separated by semicolons.
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (u:Unit) REQUIRE (u.org, u.id) IS UNIQUE;
CREATE CONSTRAINT leader_id IF NOT EXISTS FOR (l:Leader) REQUIRE (l.org, l.id) IS UNIQUE;
CREATE CONSTRAINT conflict_id IF NOT EXISTS FOR (c:Conflict) REQUIRE (c.org, c.id) IS UNIQUE;
CREATE CONSTRAINT dependency_id IF NOT EXISTS
  FOR ()-[d:DEPENDS_ON]-() REQUIRE (d.org, d.id) IS UNIQUE;
CREATE CONSTRAINT tie_id IF NOT EXISTS
  FOR ()-[t:COLLABORATES_WITH]-() REQUIRE (t.org, t.id) IS UNIQUE;
CREATE CONSTRAINT analysis_snapshot_key IF NOT EXISTS FOR (s:AnalysisSnapshot)
  REQUIRE (s.organization, s.effective_date, s.graph_version) IS UNIQUE;
CREATE INDEX unit_kind IF NOT EXISTS FOR (u:Unit) ON (u.org, u.kind);
CREATE INDEX leader_level IF NOT EXISTS FOR (l:Leader) ON (l.org, l.level);
CREATE INDEX conflict_status IF NOT EXISTS FOR (c:Conflict) ON (c.org, c.status);
CREATE INDEX conflict_raised IF NOT EXISTS FOR (c:Conflict) ON (c.org, c.raised_at);
CREATE INDEX conflict_dependency IF NOT EXISTS FOR (c:Conflict) ON (c.org, c.dependency_id);
CREATE INDEX dependency_reliability IF NOT EXISTS
  FOR ()-[d:DEPENDS_ON]-() ON (d.org, d.reliability);
CREATE INDEX tie_kind IF NOT EXISTS FOR ()-[t:COLLABORATES_WITH]-() ON (t.org, t.kind);
// `sort` holds `natural_order.sort_text(id)`: pages order and seek by (sort, id).
CREATE INDEX unit_sort IF NOT EXISTS FOR (u:Unit) ON (u.org, u.sort);
CREATE INDEX leader_sort IF NOT EXISTS FOR (l:Leader) ON (l.org, l.sort);
CREATE INDEX conflict_sort IF NOT EXISTS FOR (c:Conflict) ON (c.org, c.sort);
CREATE INDEX dependency_sort IF NOT EXISTS FOR ()-[d:DEPENDS_ON]-() ON (d.org, d.sort);
CREATE INDEX tie_sort IF NOT EXISTS FOR ()-[t:COLLABORATES_WITH]-() ON (t.org, t.sort);
// `search` holds the lowercased text that the API's `text` filter looks into.
CREATE TEXT INDEX unit_search IF NOT EXISTS FOR (u:Unit) ON (u.search);
CREATE TEXT INDEX leader_search IF NOT EXISTS FOR (l:Leader) ON (l.search);
CREATE TEXT INDEX conflict_search IF NOT EXISTS FOR (c:Conflict) ON (c.search);
CREATE TEXT INDEX dependency_search IF NOT EXISTS FOR ()-[d:DEPENDS_ON]-() ON (d.search)
