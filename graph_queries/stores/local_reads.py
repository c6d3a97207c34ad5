"""What a single write reads to be validated on what it touches instead of the whole organization.

A write asks (:class:`LocalRead`) for entities by id (itself, the ones it references), reference
chains it could close into a cycle, the relations whose entities point at a key (the ones that
still use what it deletes, the conflicts of a dependency it moves) and the ties between pairs of
leaders (a tie it could repeat). A store answers (:class:`LocalView`) from one read transaction,
with the graph version it read, and the write commits only at that version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from graph_queries.model import AttributeDeclaration, Entity, EntityKind, Tie

if TYPE_CHECKING:
    from graph_queries.stores.port import Relation


class Chain(StrEnum):
    """A reference that must form a forest: followed from an entity up to a root."""

    UNIT_PARENTS = "UNIT_PARENTS"
    LEADER_MANAGERS = "LEADER_MANAGERS"


@dataclass(frozen=True, slots=True)
class ChainInfo:
    """Entities of `kind` point at the next one up through `field`."""

    kind: EntityKind
    field: str


CHAINS: dict[Chain, ChainInfo] = {
    Chain.UNIT_PARENTS: ChainInfo(EntityKind.UNIT, "parent_id"),
    Chain.LEADER_MANAGERS: ChainInfo(EntityKind.LEADER, "reports_to_id"),
}


@dataclass(frozen=True, slots=True)
class LocalRead:
    """What to read; each part may be empty."""

    ids: tuple[tuple[EntityKind, str], ...] = ()
    chains: tuple[tuple[Chain, str], ...] = ()  # each followed upward from the id
    referrers: tuple[tuple[Relation, str], ...] = ()  # the relation's entities for one key
    tie_pairs: tuple[tuple[str, str], ...] = ()  # two leader ids, in either order
    declarations: bool = False  # the organization's tie kinds and attribute declarations

    def is_empty(self) -> bool:
        return not (
            self.ids or self.chains or self.referrers or self.tie_pairs or self.declarations
        )


@dataclass(slots=True)
class LocalView:
    """What a store found for a `LocalRead`, all at graph version `version`.

    - `entities`: those of the asked ids that exist;
    - `chains`: for each asked chain, the ids from the start up to its root (the start first;
      empty when the start does not exist);
    - `referrers`: for each asked (relation, key), the entities holding the key, in
      natural order of ids;
    - `tie_pairs`: for each asked pair, the ties between its two leaders, in
      natural order of ids;
    - `directed_kinds`, `attributes`: the organization's directed tie kinds and attribute
      declarations, read when tie pairs or the declarations are asked.
    """

    version: int
    entities: dict[tuple[EntityKind, str], Entity] = field(default_factory=dict)
    chains: dict[tuple[Chain, str], tuple[str, ...]] = field(default_factory=dict)
    referrers: dict[tuple[Relation, str], list[Entity]] = field(default_factory=dict)
    tie_pairs: dict[tuple[str, str], list[Tie]] = field(default_factory=dict)
    directed_kinds: frozenset[str] = frozenset()
    attributes: tuple[AttributeDeclaration, ...] = ()


def walk_chain(start: str, parent_of: dict[str, str | None]) -> tuple[str, ...]:
    """The ids from `start` upward through `parent_of`, stopping at a root, a missing id or an
    id met before (a stored cycle would otherwise never end)."""
    chain: list[str] = []
    seen: set[str] = set()
    node: str | None = start
    while node is not None and node in parent_of and node not in seen:
        chain.append(node)
        seen.add(node)
        node = parent_of[node]
    return tuple(chain)
