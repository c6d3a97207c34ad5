// The declared tie kinds and attributes, as the texts `records.encode_tie_kinds` and
// `records.encode_attributes` wrote (none before any).
MATCH (o:Organization {id: $org})
RETURN coalesce(o.tie_kinds, '[]') AS tie_kinds, coalesce(o.attributes, '[]') AS attributes
