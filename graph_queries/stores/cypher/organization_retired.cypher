// A retired generation is deleted: forget it.
MATCH (o:Organization {id: $org})
SET o.retired = [key IN coalesce(o.retired, []) WHERE key <> $key]
