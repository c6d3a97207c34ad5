MATCH (o:Organization {id: $org})
RETURN o.version AS version
