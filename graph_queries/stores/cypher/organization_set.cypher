MATCH (o:Organization {id: $org})
SET o.name = coalesce($name, o.name), o.version = $version
