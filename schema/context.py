"""What every resolver receives as `info.context`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as StrawberryInfo

from graph_queries.context import RequestContext
from graph_queries.runner import AnalysisRunner
from graph_queries.stores.port import Store
from schema.loaders import Loaders
from schema.request_limits import AnalysisAllowance, QueryLimits


@dataclass
class GraphQLContext:
    store: Store
    runner: AnalysisRunner
    request_context: RequestContext
    loaders: Loaders
    # Drops what the process keeps for an organization (analyses, stored answers): called when
    # one is deleted, since a new one with the same id starts again at version 1.
    forget: Callable[[str], None]
    request: Any = None
    response: Any = None
    limits: QueryLimits = field(default_factory=QueryLimits)
    # The analyses this request has started, against `limits.max_analyses_per_request`.
    analyses: AnalysisAllowance = field(
        default_factory=lambda: AnalysisAllowance(QueryLimits().max_analyses_per_request)
    )

    @classmethod
    def create(
        cls,
        store: Store,
        runner: AnalysisRunner,
        request_context: RequestContext,
        request: Any = None,
        response: Any = None,
        forget: Callable[[str], None] | None = None,
        limits: QueryLimits | None = None,
    ) -> GraphQLContext:
        limits = limits or QueryLimits()
        return cls(
            store=store,
            runner=runner,
            request_context=request_context,
            loaders=Loaders(store, request_context),
            forget=runner.forget if forget is None else forget,
            request=request,
            response=response,
            limits=limits,
            analyses=AnalysisAllowance(limits.max_analyses_per_request),
        )


Info = StrawberryInfo[GraphQLContext, None]
