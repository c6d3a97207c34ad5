"""The tie kinds an organization declares, and the duplicate rule each kind sets for its ties.

A directed kind makes a tie an arc (leader_a -> leader_b), so A->B and B->A are two ties and
only a second arc the same way repeats one; in an undirected kind (the default, also for a tie
whose kind is undeclared or None) a tie between the same two leaders either way repeats it.
"""

from __future__ import annotations

from graph_queries.errors import ErrorCode, FieldError
from graph_queries.model import Tie

MAX_TIE_KIND = 40
# A declaration lists the layers of one organization (advice, friendship, co-work...), not data.
MAX_TIE_KINDS = 50

TieKey = tuple[str, str, str | None]


def tie_key(tie: Tie, directed: frozenset[str]) -> TieKey:
    """Ties with the same key repeat each other: the same two leaders (in the same order for a
    directed kind, either way otherwise) and the same kind."""
    if tie.kind is not None and tie.kind in directed:
        return tie.leader_a_id, tie.leader_b_id, tie.kind
    first, second = sorted((tie.leader_a_id, tie.leader_b_id))
    return first, second, tie.kind


def duplicate_tie(tie: Tie, first_id: str, directed: frozenset[str]) -> FieldError:
    """`tie` repeats the tie `first_id`, met before it."""
    if tie.kind is not None and tie.kind in directed:
        message = f"repeats tie {first_id!r} from the same leader to the same leader, same kind"
    else:
        message = f"repeats tie {first_id!r} between the same leaders with the same kind"
    return FieldError(f"ties[{tie.id}]", ErrorCode.DUPLICATE, message)


def tie_kind_label(position: int, name: str, earlier: set[str]) -> str:
    """`tieKinds[advice]`, or `tieKinds[#2]` for a nameless or repeated one."""
    usable = bool(name) and name not in earlier and "]" not in name
    return f"tieKinds[{name}]" if usable else f"tieKinds[#{position}]"
