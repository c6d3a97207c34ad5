MATCH (o:Organization {id: $org})
SET o.name = coalesce($name, o.name), o.version = $version,
    o.tie_kinds = coalesce($tie_kinds, o.tie_kinds),
    o.attributes = coalesce($attributes, o.attributes)
