// The declared tie kinds, as the text `records.encode_tie_kinds` wrote (none before any).
MATCH (o:Organization {id: $org})
RETURN coalesce(o.tie_kinds, '[]') AS tie_kinds
