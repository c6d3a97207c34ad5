// `key` is the org value the organization's entities are stored under: the current generation
// (a staged replace writes a new one and moves `key` to it); the id itself before any.
MATCH (o:Organization {id: $org})
RETURN o.version AS version, coalesce(o.key, o.id) AS key
