// Take the organization's write lock before reading its version, so that two writers
// cannot both see the same version (the lock is held until the transaction ends).
MATCH (o:Organization {id: $org})
SET o._lock = true
WITH o, o.version AS version
REMOVE o._lock
RETURN version, coalesce(o.key, o.id) AS key, coalesce(o.retired, []) AS retired
