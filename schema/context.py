"""What every resolver receives as `info.context`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.types import Info as StrawberryInfo

from graph_queries.context import RequestContext
from graph_queries.runner import AnalysisRunner
from graph_queries.stores.port import Store
from schema.loaders import Loaders


@dataclass
class GraphQLContext:
    store: Store
    runner: AnalysisRunner
    request_context: RequestContext
    loaders: Loaders
    request: Any = None
    response: Any = None

    @classmethod
    def create(
        cls,
        store: Store,
        runner: AnalysisRunner,
        request_context: RequestContext,
        request: Any = None,
        response: Any = None,
    ) -> GraphQLContext:
        return cls(
            store=store,
            runner=runner,
            request_context=request_context,
            loaders=Loaders(store, request_context),
            request=request,
            response=response,
        )


Info = StrawberryInfo[GraphQLContext, None]
