"""Opens the store the settings name: the embedded SQLite file or a Neo4j server."""

from __future__ import annotations

from graph_queries.sqlite_store import SqliteStore
from graph_queries.store import Store
from service.settings import Settings, SettingsError


def open_store(settings: Settings) -> Store:
    scheme, _, rest = settings.store.partition(":")
    if scheme == "sqlite":
        # sqlite:relative/path, sqlite:///absolute/path or sqlite::memory:
        path = rest[2:] if rest.startswith("///") else rest
        if not path:
            raise SettingsError(
                "UNSILO_STORE: 'sqlite:' needs a file path, e.g. sqlite:data/unsilo.sqlite3"
            )
        return SqliteStore(path)
    raise SettingsError(f"UNSILO_STORE: {settings.store!r}: the Neo4j store is not available yet")
