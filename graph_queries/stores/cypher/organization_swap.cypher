// The switch of a staged replace, under the lock organization_claim took: readers follow
// `key` to the new generation from now on; the old one is listed in `retired` until deleted.
MATCH (o:Organization {id: $org})
SET o.retired = CASE WHEN $version = 0 THEN coalesce(o.retired, [])
                     ELSE coalesce(o.retired, []) + coalesce(o.key, o.id) END,
    o.key = $key, o.name = $name, o.version = $version + 1, o.tie_kinds = $tie_kinds,
    o.attributes = $attributes
RETURN o.retired AS retired
