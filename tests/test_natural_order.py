"""Ids in the analyses' lists and communities come in natural order: u2 before u10."""

from __future__ import annotations

import doctest

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_queries import natural_order
from graph_queries.analyses.metrics.kernels import communities
from graph_queries.natural_order import community_order, natural_key, natural_sorted, sort_text


def test_digit_runs_compare_as_numbers() -> None:
    assert natural_sorted(["m14", "m18", "m2", "u10", "u2", "u1"]) == [
        "m2", "m14", "m18", "u1", "u2", "u10"
    ]  # fmt: skip
    assert natural_sorted(["a10b2", "a2b10", "a2b9", "a", "a01", "a1"]) == [
        "a", "a01", "a1", "a2b9", "a2b10", "a10b2"
    ]  # fmt: skip
    assert natural_key("x") < natural_key("x0")


def test_communities_are_in_natural_order() -> None:
    assert community_order({"u10", "u2"}) < community_order({"u3", "u4"})
    two = nx.Graph([("u10", "u11"), ("u2", "u3")])
    assert communities(two) == [{"u2", "u3"}, {"u10", "u11"}]


# Ids as the API allows them (validation.ID_PATTERN) lean on digit runs with leading zeros and
# on the punctuation that sorts around the digits.
ID_PIECES = st.lists(
    st.one_of(
        st.text(alphabet="abzAZ-_:.", min_size=1, max_size=3),
        st.text(alphabet="0123456789", min_size=1, max_size=12),
        st.sampled_from(["0", "00", "01", "1", "10", "9", "09"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ID_PIECES.map("".join), min_size=2, max_size=30))
def test_sort_text_then_id_is_natural_order(ids: list[str]) -> None:
    assert sorted(ids, key=lambda id: (sort_text(id), id)) == natural_sorted(ids)


@given(ID_PIECES.map("".join), ID_PIECES.map("".join))
def test_equal_sort_texts_are_exactly_the_natural_ties(a: str, b: str) -> None:
    assert (sort_text(a) == sort_text(b)) == (natural_key(a)[0] == natural_key(b)[0])


def test_sort_text_examples_hold() -> None:
    result = doctest.testmod(natural_order)
    assert result.failed == 0
    assert result.attempted >= 4
