"""Strawberry's executor with planned execution in front: plans are made once per operation.

Parsing is cached per query text (limits.py), so the same text is the same
operation node, and its plan is found by that node. When the plan cannot take a
request (no plan, or `Fallback` while running it), graphql-core's own
`execute_operation` runs it from the start; data loaders already answered in
this request answer again from their cache, so no statement is sent twice.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ClassVar

from graphql import FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.execution.compile import CompiledQuery, Uncompilable, compile_operation
from schema.execution.plan import OperationPlan, Planner, Unplannable
from schema.execution.run import PlanRun

log = logging.getLogger("papers_graph.api")

PLANS_KEPT = 1024  # operations whose plans are kept (the parser cache keeps as many texts)


class PlannedExecutor(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor (as Strawberry sets it up), trying the operation's plan first."""

    compiles: ClassVar[bool] = False  # CompiledExecutor: the compiled query before the plan

    def execute_operation(self, serially: bool | None = None) -> Any:
        planned = None if serially or self._has_extras() else _PLANS.get(self)
        if planned is None:
            return super().execute_operation(serially)
        plan, planner, compiled = planned
        if compiled is not None and self.compiles:
            return self._run_compiled(compiled, plan, planner, serially)
        return self._run_plan(plan, planner, serially)

    async def _run_compiled(
        self, compiled: CompiledQuery, plan: OperationPlan, planner: Planner, serially: bool | None
    ) -> Any:
        try:
            statement, values = compiled.prepare(self.variable_values)
            records = await self.context_value.data.executor.run_whole(statement, values.params)
            data = compiled.data(records[0], values)
        except Exception as exc:
            _gave_way(exc)
            data = None  # run below, outside this handler: its errors are not chained to ours
        if data is None:
            result = self._run_plan(plan, planner, serially)
            return await result if self.is_awaitable(result) else result
        answered = ANSWERED_WHOLE.get()
        if answered is not None:  # the HTTP layer listens (server/fast_lane.py)
            answered.append(Answered(self.operation, self.fragment_definitions, compiled))
        return self.finish(self.build_response(data))

    def _run_plan(self, plan: OperationPlan, planner: Planner, serially: bool | None) -> Any:
        try:
            data = PlanRun(self, plan, planner).data()
        except Exception as exc:
            _gave_way(exc)
            data = None  # run below, outside this handler: its errors are not chained to ours
        if data is None:
            return super().execute_operation(serially)
        if self.is_awaitable(data):
            return self._finish_later(data, serially)
        return self.finish(self.build_response(data))  # type: ignore[arg-type]

    async def _finish_later(self, data: Awaitable[dict[str, Any]], serially: bool | None) -> Any:
        try:
            settled = await data
        except Exception as exc:
            _gave_way(exc)
            settled = None
        if settled is None:
            result = super().execute_operation(serially)
            return await result if self.is_awaitable(result) else result
        return self.finish(self.build_response(settled))

    def _has_extras(self) -> bool:
        """Middleware, hooks or an abort signal: features the plan does not run."""
        middleware = self.middleware_manager
        return (
            bool(middleware is not None and middleware.middlewares)
            or self.hooks is not None
            or self.abort_signal is not None
        )


@dataclass(frozen=True)
class Answered:
    """A request answered whole by its compiled query: its operation passed parsing,
    validation and the limits, and its answer is the compiled query's data alone."""

    operation: OperationDefinitionNode
    fragments: Mapping[str, FragmentDefinitionNode]
    compiled: CompiledQuery


# Set by whoever wants to know, for the request being run, which operations were answered whole.
ANSWERED_WHOLE: ContextVar[list[Answered] | None] = ContextVar("answered_whole", default=None)


class CompiledExecutor(PlannedExecutor):
    """Planned execution with whole-request compilation in front (compile.py)."""

    compiles = True


def _gave_way(exc: Exception) -> None:
    log.debug("compiled or planned execution gave way: %s", exc)


Planned = tuple[OperationPlan, Planner, CompiledQuery | None]


class _PlanCache:
    """Plans by operation node, least recently used first out; None for an unplannable one."""

    def __init__(self, size: int) -> None:
        self.size = size
        # one process may serve from several threads (the tests run two servers)
        self._lock = threading.Lock()
        self._entries: OrderedDict[
            int, tuple[OperationDefinitionNode, GraphQLSchema, Planned | None]
        ] = OrderedDict()

    def get(self, executor: PlannedExecutor) -> Planned | None:
        operation, schema = executor.operation, executor.schema
        key = id(operation)
        with self._lock:
            entry = self._entries.get(key)
            # the entry holds the node itself, so its id cannot be another node's while kept
            if entry is not None and entry[0] is operation and entry[1] is schema:
                self._entries.move_to_end(key)
                return entry[2]
        planner = Planner(schema, executor.fragments, executor.variable_values, operation)
        planned: Planned | None
        try:
            plan = planner.plan_operation()
        except (Unplannable, RecursionError):
            planned = None
        else:
            try:
                compiled: CompiledQuery | None = compile_operation(plan)
            except (Uncompilable, RecursionError) as exc:
                log.debug("not compiled: %s", exc)
                compiled = None
            planned = (plan, planner, compiled)
        with self._lock:
            self._entries[key] = (operation, schema, planned)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return planned


_PLANS = _PlanCache(PLANS_KEPT)
