"""The SQLite store's tables: one per entity kind, keyed by (org_id, id), and their indexes."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS organizations (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
    org_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    parent_id TEXT, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS units_parent ON units (org_id, parent_id);
CREATE TABLE IF NOT EXISTS leaders (
    org_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL,
    level TEXT NOT NULL, unit_id TEXT NOT NULL, reports_to_id TEXT, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS leaders_unit ON leaders (org_id, unit_id);
CREATE INDEX IF NOT EXISTS leaders_manager ON leaders (org_id, reports_to_id);
CREATE TABLE IF NOT EXISTS dependencies (
    org_id TEXT NOT NULL, id TEXT NOT NULL, from_unit_id TEXT NOT NULL,
    to_unit_id TEXT NOT NULL, description TEXT NOT NULL, criticality INTEGER NOT NULL,
    reliability TEXT NOT NULL, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS dependencies_from ON dependencies (org_id, from_unit_id);
CREATE INDEX IF NOT EXISTS dependencies_to ON dependencies (org_id, to_unit_id);
CREATE TABLE IF NOT EXISTS dependency_owners (
    org_id TEXT NOT NULL, dependency_id TEXT NOT NULL, position INTEGER NOT NULL,
    leader_id TEXT NOT NULL, PRIMARY KEY (org_id, dependency_id, position)
);
CREATE INDEX IF NOT EXISTS dependency_owners_leader ON dependency_owners (org_id, leader_id);
CREATE TABLE IF NOT EXISTS conflicts (
    org_id TEXT NOT NULL, id TEXT NOT NULL, unit_a_id TEXT NOT NULL, unit_b_id TEXT NOT NULL,
    dependency_id TEXT, summary TEXT NOT NULL, severity INTEGER NOT NULL,
    raised_at TEXT NOT NULL, resolved_at TEXT, status TEXT NOT NULL, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS conflicts_a ON conflicts (org_id, unit_a_id);
CREATE INDEX IF NOT EXISTS conflicts_b ON conflicts (org_id, unit_b_id);
CREATE INDEX IF NOT EXISTS conflicts_dependency ON conflicts (org_id, dependency_id);
CREATE INDEX IF NOT EXISTS conflicts_status ON conflicts (org_id, status, raised_at);
CREATE TABLE IF NOT EXISTS ties (
    org_id TEXT NOT NULL, id TEXT NOT NULL, leader_a_id TEXT NOT NULL,
    leader_b_id TEXT NOT NULL, strength REAL NOT NULL, kind TEXT, PRIMARY KEY (org_id, id)
);
CREATE INDEX IF NOT EXISTS ties_a ON ties (org_id, leader_a_id);
CREATE INDEX IF NOT EXISTS ties_b ON ties (org_id, leader_b_id);
"""
