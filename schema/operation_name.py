"""Tells the service which operation a request ran, for its metrics and its log line."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from schema.cache_scope import operation_named


class OperationName(SchemaExtension):
    """Puts the executed operation's name on the request (`request.state.operation_name`):
    only a name the document defines, never one a client merely sent (None if anonymous)."""

    def on_operation(self) -> Iterator[None]:
        yield
        execution = self.execution_context
        request = getattr(execution.context, "request", None)
        state = getattr(request, "state", None)
        document = execution.graphql_document
        if state is None or document is None:
            return
        operation = operation_named(document, execution.operation_name)
        if operation is not None and operation.name is not None:
            state.operation_name = operation.name.value
