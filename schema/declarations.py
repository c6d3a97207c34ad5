"""What an organization declares of its data: its tie kinds and custom attributes."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A kind of tie the organization declares.")
class TieKind:
    name: str
    directed: bool = strawberry.field(
        description=(
            "Each tie of this kind is an arc from `leaderA` to `leaderB`, so a tie each way "
            "between two leaders is two ties."
        )
    )


@strawberry.type(description="A custom attribute the organization declares.")
class AttributeDeclaration:
    name: str
    entity: str = strawberry.field(description="LEADER or UNIT.")
    type: str = strawberry.field(description="STRING, INTEGER, FLOAT, BOOLEAN or DATE.")
