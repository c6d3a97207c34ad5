"""Interactions read from collaboration metadata, turned into weighted ties between pseudonyms.

Who met or wrote to whom is personal data, so an interaction carries only what the ties need:
the people's addresses, who sent it (e-mail), when, and where in which file it was found. No
subject, body, title, description or location is ever read into one (see `ics` and
`mail_headers`). Addresses leave this module only as keyed pseudonyms.

The ties follow the construction common to studies of e-mail networks (Kossinets & Watts,
"Empirical Analysis of an Evolving Social Network", Science 311, 2006): interactions are counted
per pair over a time window, and a pair becomes a tie only from a minimum count on, so that one
stray message or invitation says nothing. Meetings larger than a cap are left out, as are
messages to more recipients than the cap: an all-hands meeting or a mailing list ties everyone
to everyone and drowns the working relations.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parseaddr

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.derived import relative_strengths

MEETING = "meeting"
EMAIL = "email"
PSEUDONYM_PREFIX = "p-"
# 64 bits of HMAC-SHA256: a collision among a million people has a chance of about 3e-8, and
# `pseudonyms` refuses one anyway.
PSEUDONYM_HEX = 16
MIN_KEY_BYTES = 32
MAX_PARTICIPANTS = 10
MIN_INTERACTIONS = 2


@dataclass(frozen=True, slots=True)
class Interaction:
    """One meeting occurrence or one message.

    `people` are normalized addresses, each once; for a message `sender` is one of them and the
    others are its recipients. `origin` is `file:line` for error messages.
    """

    kind: str
    people: tuple[str, ...]
    at: datetime
    origin: str
    sender: str | None = None


@dataclass(frozen=True, slots=True)
class MetadataRules:
    """Which interactions count and when a pair becomes a tie.

    - `start`, `end`: the window, inclusive dates (UTC); None leaves that side open.
    - `max_participants`: meetings with more people, and messages with more recipients, are
      left out.
    - `min_interactions`: a pair (an ordered pair for e-mail) needs at least this many.
    - `domains`: only addresses in these domains are people of the organization; others are
      dropped from every interaction (an empty set keeps everyone).
    """

    start: date | None = None
    end: date | None = None
    max_participants: int = MAX_PARTICIPANTS
    min_interactions: int = MIN_INTERACTIONS
    domains: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.max_participants < 2:
            raise ValueError("max_participants must be at least 2")
        if self.min_interactions < 1:
            raise ValueError("min_interactions must be at least 1")
        if self.start and self.end and self.start > self.end:
            raise ValueError("start must not be after end")


@dataclass(frozen=True, slots=True)
class MetadataTie:
    """Interactions between two pseudonyms: a meeting tie is undirected (`source` < `target`),
    an e-mail tie goes from the sender to a recipient. `strength` is `interactions` divided by
    the largest count of the same kind, so the busiest pair has 1.0."""

    source: str
    target: str
    kind: str
    interactions: int
    strength: float

    @property
    def directed(self) -> bool:
        return self.kind == EMAIL


@dataclass(frozen=True, slots=True)
class MetadataTies:
    """The ties, the people they join, and what was left out and why (counts only)."""

    people: tuple[str, ...]
    ties: tuple[MetadataTie, ...]
    left_out: dict[str, int] = field(default_factory=dict)


def normalized_address(text: str) -> str | None:
    """`Ann Lee <Ann.Lee@Example.COM>` -> `ann.lee@example.com`; None if it is not one.

    Examples
    --------
    >>> normalized_address("Ann Lee <Ann.Lee@Example.COM>")
    'ann.lee@example.com'
    >>> normalized_address("not an address") is None
    True
    """
    address = parseaddr(text)[1].strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in address):
        return None
    return address


class Pseudonymizer:
    """Keyed pseudonyms: the same address and key always give the same pseudonym, and without
    the key a pseudonym cannot be matched to an address by trying likely addresses (HMAC,
    RFC 2104, with SHA-256)."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the pseudonym key must have at least {MIN_KEY_BYTES} bytes")
        self._key = key

    def __call__(self, address: str) -> str:
        digest = hmac.new(self._key, address.encode("utf-8"), hashlib.sha256).hexdigest()
        return PSEUDONYM_PREFIX + digest[:PSEUDONYM_HEX]


def collaboration_ties(
    interactions: Iterable[Interaction], rules: MetadataRules, pseudonym: Pseudonymizer
) -> MetadataTies:
    """Count the interactions per pair inside the window and keep the pairs from the threshold on.

    A meeting adds one to every pair of its people; a message adds one to each ordered pair
    (sender, recipient). Only counts and pseudonyms leave: no address, time or origin.
    """
    left_out: Counter[str] = Counter()
    counts: Counter[tuple[str, str, str]] = Counter()
    for interaction in interactions:
        day = interaction.at.date()
        if (rules.start and day < rules.start) or (rules.end and day > rules.end):
            left_out["outside the window"] += 1
            continue
        people = [p for p in interaction.people if _inside(p, rules.domains)]
        left_out["addresses outside the domains"] += len(interaction.people) - len(people)
        if interaction.kind == EMAIL:
            if interaction.sender not in people or len(people) < 2:
                left_out["messages without an internal sender and recipient"] += 1
                continue
            if len(people) - 1 > rules.max_participants:
                left_out["messages over the recipient cap"] += 1
                continue
            for recipient in people:
                if recipient != interaction.sender:
                    counts[(EMAIL, interaction.sender, recipient)] += 1
        else:
            if len(people) < 2:
                left_out["meetings with fewer than two internal people"] += 1
                continue
            if len(people) > rules.max_participants:
                left_out["meetings over the size cap"] += 1
                continue
            ordered = sorted(people)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    counts[(MEETING, a, b)] += 1
    kept = {pair: n for pair, n in counts.items() if n >= rules.min_interactions}
    left_out["pairs under the minimum"] = len(counts) - len(kept)
    return _pseudonymized(kept, pseudonym, left_out)


def _pseudonymized(
    kept: dict[tuple[str, str, str], int], pseudonym: Pseudonymizer, left_out: Counter[str]
) -> MetadataTies:
    addresses = sorted({a for _, a, _ in kept} | {b for _, _, b in kept})
    names = pseudonyms(addresses, pseudonym)
    strengths = relative_strengths(kept)
    ties = []
    for (kind, a, b), n in kept.items():
        source, target = names[a], names[b]
        if kind == MEETING and target < source:
            source, target = target, source
        ties.append(MetadataTie(source, target, kind, n, strengths[(kind, a, b)]))
    ties.sort(key=lambda t: (t.kind, t.source, t.target))
    return MetadataTies(
        people=tuple(sorted(names.values())),
        ties=tuple(ties),
        left_out={reason: n for reason, n in sorted(left_out.items()) if n},
    )


def pseudonyms(addresses: Iterable[str], pseudonym: Pseudonymizer) -> dict[str, str]:
    """Each address's pseudonym; two addresses with one pseudonym are refused, never merged."""
    names: dict[str, str] = {}
    seen: dict[str, str] = {}
    for address in addresses:
        name = pseudonym(address)
        if seen.setdefault(name, address) != address:
            message = "two addresses share a pseudonym; import again with another key"
            raise ValidationFailed([FieldError("people", ErrorCode.DUPLICATE, message)])
        names[address] = name
    return names


def _inside(address: str, domains: frozenset[str]) -> bool:
    return not domains or address.rpartition("@")[2] in domains
