// Like organization_lock, but creates the organization (at version 0) when it is missing.
MERGE (o:Organization {id: $org})
  ON CREATE SET o.version = 0, o.name = $name
SET o._lock = true
WITH o, o.version AS version
REMOVE o._lock
RETURN version, coalesce(o.key, o.id) AS key
