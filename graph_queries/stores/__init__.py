"""Where organizations are kept: the store port and its two stores.

- `port`: `Store`, the abstract store everything above talks to (authorization, pages,
  filters, relations, versioned commits);
- `records`: the one mapping between entities and stored records that both stores use;
- `sqlite_store` with `sqlite_schema`: the embedded store;
- `neo4j_store` with its queries in `cypher/`: the production store (docs/neo4j.md).

Nothing is imported here, so that using one store never loads the other's driver.
"""
