"""Introspection (`__schema`, `__type`) only where the request's context allows it.

Production hides the schema from callers unless `UNSILO_ALLOW_INTROSPECTION` says otherwise;
`__typename` stays, since clients need it to read unions.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension


class IntrospectionGate(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if not getattr(context, "introspection", True):
            rules = tuple(self.execution_context.validation_rules)
            self.execution_context.validation_rules = (*rules, NoSchemaIntrospectionCustomRule)
        yield
