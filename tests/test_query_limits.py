"""The document measures behind the query limits, on documents as clients write them."""

from __future__ import annotations

from graphql import get_introspection_query, parse

from schema import schema
from schema.query_limits import ANALYSIS_COST, Measures, measure
from schema.request_limits import QueryLimits
from tests.hostile import fragment_bomb

GRAPHQL_SCHEMA = schema._schema


def measured(query: str, variables: dict[str, object] | None = None) -> Measures:
    return measure(GRAPHQL_SCHEMA, parse(query), None, variables, max_analyses=2)


def test_fragments_are_measured_once_each() -> None:
    bomb = measured(fragment_bomb("acme", fragments=30))
    assert bomb.depth == 2  # organization > localId
    assert bomb.cost == 1 + 2**29 * 2  # organization, then localId and name 2^29 times each


def test_cyclic_and_unknown_fragments_end_the_walk() -> None:
    cyclic = measured(
        """{ organization(id: "a") { ...A ...Missing } }
        fragment A on Organization { id ...B } fragment B on Organization { name ...A }"""
    )
    assert cyclic.depth == 2


def test_introspection_is_within_the_default_limits() -> None:
    limits = QueryLimits()
    found = measured(get_introspection_query(descriptions=True))
    assert found.depth == 0
    assert found.cost < limits.max_query_cost


def test_page_sizes_come_from_arguments_variables_and_defaults() -> None:
    query = """query($n: Int = 7) { organization(id: "a") {
      a: units(first: 3) { edges { node { id } } }
      b: units(first: $n) { edges { node { id } } }
      c: units { edges { node { id } } } } }"""
    # Each page: the field, then per item edges, node and id.
    assert measured(query).cost == 1 + (1 + 3 * 3) + (1 + 7 * 3) + (1 + 20 * 3)
    assert measured(query, {"n": 50}).cost == 1 + (1 + 3 * 3) + (1 + 50 * 3) + (1 + 20 * 3)
    assert measured(query).aliases == 3


def test_lists_without_pages_count_a_typical_page_and_analyses_a_fixed_cost() -> None:
    query = """{ organization(id: "a") {
      unit(id: "u") { attributes { name } } executiveFactions { __typename } } }"""
    assert measured(query).cost == 1 + (1 + (1 + 10 * 1)) + ANALYSIS_COST


def test_nested_connections_count_first_or_last_or_the_default_page() -> None:
    def members(arguments: str) -> int:
        query = f"""{{ organization(id: "a") {{
          unit(id: "u") {{ members{arguments} {{ edges {{ node {{ localId }} }} }} }} }} }}"""
        return measured(query).cost

    # organization, unit, members, then per item edges, node and localId.
    assert members("") == 1 + 1 + (1 + 20 * 3)
    assert members("(first: 4)") == 1 + 1 + (1 + 4 * 3)
    assert members("(last: 6)") == 1 + 1 + (1 + 6 * 3)
    unknown = """query($n: Int) { organization(id: "a") {
      unit(id: "u") { members(last: $n) { edges { node { localId } } } } } }"""
    assert measured(unknown).cost == 1 + 1 + (1 + 20 * 3)  # $n not given: null, the default
    assert measured(unknown, {"n": 9}).cost == 1 + 1 + (1 + 9 * 3)


def test_distinct_analyses_are_organization_analysis_and_arguments() -> None:
    same = """{ organization(id: "a") {
      x: executionReport(asOf: "2025-01-01") { __typename }
      y: executionReport(asOf: "2025-01-01", top: 5) { __typename } } }"""
    assert measured(same).analyses == 1  # `top: 5` is the default
    other_organization = """{
      a: organization(id: "a") { executionReport(asOf: "2025-01-01") { __typename } }
      b: organization(id: "b") { executionReport(asOf: "2025-01-01") { __typename } } }"""
    assert measured(other_organization).analyses == 2
    through_fragment = """query($day: Date) {
        organization(id: "a") { ...R conflictHotspots { __typename } } }
      fragment R on Organization {
        executionReport(asOf: $day) { __typename } executiveFactions { __typename } }"""
    assert measured(through_fragment, {"day": "2025-01-01"}).analyses == 3
