"""Globally unique, opaque object ids (Relay Global Object Identification,
https://relay.dev/graphql/objectidentification.htm).

Local ids (`u1`) are unique only inside one organization and one kind, so the global id of an
object encodes its GraphQL type, its organization's id and its local id:
`v1:<type>:<length of the organization id>:<organization id>:<local id>`, in urlsafe base64
without padding. The length prefix makes the text unambiguous when ids contain `:`; the
version lets the encoding change later. Clients must treat the id as opaque: the encoding is
not part of the contract.

A decoded id is accepted only when encoding its parts gives back exactly the same text, so
each object has one global id and no other text decodes to it.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from graphql import GraphQLError

from schema.errors import BAD_USER_INPUT

VERSION = "v1"
# The GraphQL types that have global ids (the implementations of `Node`).
NODE_TYPE_NAMES = frozenset({"Organization", "Unit", "Leader", "Dependency", "Conflict", "Tie"})
ORGANIZATION = "Organization"
_HEADER = re.compile(r"v1:([A-Za-z]+):(0|[1-9][0-9]{0,5}):")


@dataclass(frozen=True, slots=True)
class GlobalId:
    type_name: str
    organization_id: str
    local_id: str


def encode_global_id(type_name: str, organization_id: str, local_id: str) -> str:
    """
    >>> encode_global_id("Unit", "acme", "u1") != encode_global_id("Unit", "globex", "u1")
    True
    >>> decode_global_id(encode_global_id("Unit", "a:b", "c"), "id")
    GlobalId(type_name='Unit', organization_id='a:b', local_id='c')
    """
    text = f"{VERSION}:{type_name}:{len(organization_id)}:{organization_id}:{local_id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def parse_global_id(value: str) -> GlobalId | None:
    """The parts of a well-formed global id; None for anything else.

    >>> parse_global_id("u1") is None
    True
    """
    try:
        padded = value + "=" * (-len(value) % 4)
        text = base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeError, ValueError):
        return None
    header = _HEADER.match(text)
    if header is None or header.group(1) not in NODE_TYPE_NAMES:
        return None
    length, rest = int(header.group(2)), text[header.end() :]
    if len(rest) <= length or rest[length] != ":":
        return None
    found = GlobalId(header.group(1), rest[:length], rest[length + 1 :])
    if not found.organization_id or not found.local_id:
        return None
    canonical = encode_global_id(found.type_name, found.organization_id, found.local_id)
    return found if canonical == value else None


def decode_global_id(value: str, argument: str) -> GlobalId:
    """The parts of a global id, or BAD_USER_INPUT naming `argument`."""
    found = parse_global_id(value)
    if found is None:
        raise GraphQLError(
            f"{argument}: not an id returned by this API",
            extensions={"code": BAD_USER_INPUT, "field": argument},
        )
    return found


def organization_id_of(value: str) -> str:
    """The organization a global Organization id names, or `value` itself as a local id."""
    found = parse_global_id(value)
    return found.organization_id if found and found.type_name == ORGANIZATION else value
