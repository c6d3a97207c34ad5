"""The root Subscription: an organization's new graph versions, and its execution report
refreshed after each, pushed over WebSocket (graphql-transport-ws; docs/subscriptions.md).

The first event is the present one. Each event is answered as a request of its own
(`GraphQLContext.renewed`) for the subscribing caller, by the resolvers of the queries: the
same authorization as `organization(id:)` (null for an organization that does not exist or
is not visible, alike) and the same analysis, privacy floor and `NotFoundError` as
`executionReport` with its defaults.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from typing import cast

import strawberry
from graphql import GraphQLError

from graph_queries.graph_changes import Subscriber
from schema import analyses
from schema.context import GraphQLContext, Info
from schema.field_arguments import DEFAULT_EXECUTION_TOP


@strawberry.type(description="An organization's graph version, sent when it changes.")
class OrganizationChange:
    organization_id: strawberry.ID
    graph_version: int


@dataclass(frozen=True)
class _EventInfo:
    """All the query resolvers read of `Info`: the context, here the event's own."""

    context: GraphQLContext


@contextlib.asynccontextmanager
async def _watching(context: GraphQLContext, organization_id: str) -> AsyncIterator[Subscriber]:
    if context.changes is None:
        raise GraphQLError("Subscriptions are not served here.")
    async with context.changes.watch(organization_id) as subscriber:
        yield subscriber


async def _visible(context: GraphQLContext, organization_id: str) -> bool:
    return await context.loaders.organizations.load(organization_id) is not None


async def _report(context: GraphQLContext, organization_id: str) -> analyses.ExecutionReportResult:
    info = cast(Info, _EventInfo(context))
    return await analyses.execution_report_field(info, organization_id, None, DEFAULT_EXECUTION_TOP)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description=(
            "The organization's graph version now, then each new one (versions that pass "
            "while an event is sent are skipped for the latest). A single null, as the "
            "`organization` query answers, when there is no such organization or it is not "
            "visible; the subscription ends when the organization is deleted."
        )
    )
    async def organization_changed(
        self, info: Info, id: strawberry.ID
    ) -> AsyncGenerator[OrganizationChange | None, None]:
        context = info.context.renewed()
        if not await _visible(context, id):
            yield None
            return
        async with _watching(context, id) as subscriber:
            # Watched before the first read, so that no write falls between the two.
            first = await context.store.graph_version(context.request_context, id)
            yield OrganizationChange(organization_id=id, graph_version=first)
            async for version in subscriber.versions(after=first):
                yield OrganizationChange(organization_id=id, graph_version=version)

    @strawberry.subscription(
        description=(
            "The organization's execution report now, then again after each change, as "
            "`executionReport` answers with its defaults (privacy floor included); while one "
            "is computed, changes are gathered into the next. A single NotFoundError when "
            "there is no such organization or it is not visible."
        )
    )
    async def analysis_ready(
        self, info: Info, id: strawberry.ID
    ) -> AsyncGenerator[analyses.ExecutionReportResult, None]:
        context = info.context.renewed()
        if not await _visible(context, id):
            yield await _report(context, id)
            return
        async with _watching(context, id) as subscriber:
            report = await _report(context, id)
            yield report
            sent = getattr(report, "graph_version", None)
            if sent is None:
                return  # a NotFoundError: deleted meanwhile
            async for _ in subscriber.versions(after=sent):
                report = await _report(context.renewed(), id)
                version = getattr(report, "graph_version", None)
                if version == sent:
                    continue  # computed from a version already sent (a later signal for it)
                yield report
                if version is None:
                    return
                sent = version
