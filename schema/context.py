"""What every resolver receives as `info.context`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from strawberry.types import Info as StrawberryInfo

from graph_queries.context import RequestContext
from graph_queries.graph_changes import GraphChanges
from graph_queries.retry import DEFAULT_RETRY, RetryPolicy
from graph_queries.runner import AnalysisRunner
from graph_queries.stores.analysis_snapshots import DEFAULT_KEPT
from graph_queries.stores.port import Store
from schema.input_text import DEFAULT_MAX_TEXT_ARGUMENT
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
    # How writes that lose a race wait and how often they start over (UNSILO_WRITE_*).
    retry: RetryPolicy = DEFAULT_RETRY
    # The longest string a request may pass in (UNSILO_MAX_TEXT_ARGUMENT).
    max_text_argument: int = DEFAULT_MAX_TEXT_ARGUMENT
    # Whether `__schema` and `__type` may be asked (off in production unless allowed).
    introspection: bool = True
    # The privacy floor: no figures on groups of fewer people (UNSILO_PRIVACY_MIN_GROUP).
    privacy_min_group: int = 5
    # The floor when an analysis reads ties made from metadata (UNSILO_PRIVACY_MIN_GROUP_METADATA).
    privacy_min_group_metadata: int = 10
    # Analysis snapshots kept per organization by `captureSnapshot` (UNSILO_SNAPSHOTS_KEPT).
    snapshots_kept: int = DEFAULT_KEPT
    limits: QueryLimits = field(default_factory=QueryLimits)
    # The analyses this request has started, against `limits.max_analyses_per_request`.
    analyses: AnalysisAllowance = field(
        default_factory=lambda: AnalysisAllowance(QueryLimits().max_analyses_per_request)
    )
    # Where subscriptions learn of new graph versions; None where none are served.
    changes: GraphChanges | None = None

    def renewed(self, request_context: RequestContext | None = None) -> GraphQLContext:
        """This context as a new request has it: empty loaders (nothing read before is reused)
        and a new analysis allowance; for another caller if given. A subscription answers each
        event with one, as a request of its own."""
        caller = self.request_context if request_context is None else request_context
        return replace(
            self,
            request_context=caller,
            loaders=Loaders(self.store, caller),
            analyses=AnalysisAllowance(self.limits.max_analyses_per_request),
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
        retry: RetryPolicy = DEFAULT_RETRY,
        max_text_argument: int = DEFAULT_MAX_TEXT_ARGUMENT,
        introspection: bool = True,
        privacy_min_group: int = 5,
        privacy_min_group_metadata: int = 10,
        limits: QueryLimits | None = None,
        snapshots_kept: int = DEFAULT_KEPT,
        changes: GraphChanges | None = None,
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
            retry=retry,
            max_text_argument=max_text_argument,
            introspection=introspection,
            privacy_min_group=privacy_min_group,
            privacy_min_group_metadata=privacy_min_group_metadata,
            snapshots_kept=snapshots_kept,
            limits=limits,
            analyses=AnalysisAllowance(limits.max_analyses_per_request),
            changes=changes,
        )


Info = StrawberryInfo[GraphQLContext, None]
