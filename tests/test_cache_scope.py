"""Which operations may be answered from a stored response: analysis queries of organizations."""

from __future__ import annotations

import pytest
from graphql import GraphQLObjectType, GraphQLUnionType, build_schema, get_named_type

from schema import schema
from schema.cache_scope import ANALYSIS_FIELDS, UNVERSIONED_FIELDS, cache_scope

REPORT = "executionReport { __typename }"


def test_every_analysis_field_is_known() -> None:
    # The analyses (the simulation and recommendations too) are the Organization fields
    # answering an `...Analysis` or an error, but for the trends, read from snapshots that a
    # capture adds without a new graph version.
    organization = build_schema(schema.as_str()).type_map["Organization"]
    assert isinstance(organization, GraphQLObjectType)
    unions = {
        name
        for name, field in organization.fields.items()
        if isinstance(inner := get_named_type(field.type), GraphQLUnionType)
        and any(member.name.endswith("Analysis") for member in inner.types)
    }
    assert len(unions) == 9
    assert unions & UNVERSIONED_FIELDS == {"trends"}
    assert unions - UNVERSIONED_FIELDS == ANALYSIS_FIELDS


def test_a_query_asking_for_trends_is_never_stored() -> None:
    assert cache_scope(f'{{ organization(id: "acme") {{ {REPORT} }} }}', None) is not None
    both = f'{{ organization(id: "acme") {{ {REPORT} trends {{ __typename }} }} }}'
    assert cache_scope(both, None) is None


def test_a_literal_or_a_variable_names_the_organization() -> None:
    literal = cache_scope(f'{{ organization(id: "acme") {{ {REPORT} }} }}', None)
    assert literal is not None
    assert literal.organization_ids({}) == ("acme",)
    variable = cache_scope(f"query($o: ID!) {{ organization(id: $o) {{ {REPORT} }} }}", None)
    assert variable is not None
    assert variable.organization_ids({"o": "beta"}) == ("beta",)
    assert variable.organization_ids({"o": 7}) is None  # not a string id: executed, not stored
    assert variable.organization_ids({}) is None


def test_several_organizations_are_all_in_the_scope() -> None:
    query = f"""query($b: ID!) {{ __typename a: organization(id: "acme") {{ {REPORT} }}
        b: organization(id: $b) {{ name }} again: organization(id: "acme") {{ name }} }}"""
    scope = cache_scope(query, None)
    assert scope is not None
    assert scope.organization_ids({"b": "beta"}) == ("acme", "beta")


def test_an_analysis_inside_a_fragment_counts() -> None:
    query = """{ organization(id: "acme") { ...Report } }
        fragment Report on Organization { siloBottlenecks { __typename } }"""
    assert cache_scope(query, None) is not None


def test_the_operation_is_chosen_by_name() -> None:
    query = f"""query A {{ organization(id: "acme") {{ {REPORT} }} }}
        mutation B {{ deleteOrganization(id: "acme") {{ __typename }} }}"""
    assert cache_scope(query, "A") is not None
    assert cache_scope(query, "B") is None
    assert cache_scope(query, None) is None  # two operations and no name: an error to execute
    assert cache_scope(query, "C") is None


@pytest.mark.parametrize(
    "query",
    [
        '{ organization(id: "acme") { name units { totalCount } } }',  # no analysis: cheap
        f"{{ organizations {{ {REPORT} }} }}",  # depends on which organizations exist
        f'{{ organization(id: "acme") {{ {REPORT} }} __schema {{ queryType {{ name }} }} }}',
        f'{{ ...Root }} fragment Root on Query {{ organization(id: "acme") {{ {REPORT} }} }}',
        f"{{ organization(id: 7) {{ {REPORT} }} }}",
        f'mutation {{ createOrganization(input: {{id: "x", name: "X"}}) {{ {REPORT} }} }}',
        "{ organization(id: ",  # a syntax error: executing reports it
    ],
)
def test_other_operations_are_not_stored(query: str) -> None:
    assert cache_scope(query, None) is None
