"""Arguments and defaults that several fields of an organization share, described once."""

from __future__ import annotations

from typing import Annotated

import strawberry

__all__ = [
    "DEFAULT_DIRECTED_TOP",
    "DEFAULT_EXECUTION_TOP",
    "GroupBy",
    "Kinds",
    "LocalId",
    "SmallGroups",
]

DEFAULT_DIRECTED_TOP = 20
DEFAULT_EXECUTION_TOP = 5  # also what `analysisReady` reports (schema/subscriptions.py)

SmallGroups = Annotated[
    bool,
    strawberry.argument(
        description=(
            "Include groups smaller than the privacy floor (ADMIN only; FORBIDDEN otherwise)."
        )
    ),
]


Kinds = Annotated[
    list[str] | None,
    strawberry.argument(
        description="Read only the ties of these kinds (a layer); every tie if null."
    ),
]


LocalId = Annotated[
    strawberry.ID,
    strawberry.argument(description="The local id (`localId`), not the global `id`."),
]

GroupBy = Annotated[
    str | None,
    strawberry.argument(
        description="A custom leader attribute to group leaders by; the unit tree if null."
    ),
]
