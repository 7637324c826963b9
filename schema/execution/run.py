"""Follows an operation's plan for one request: the same resolvers, fewer steps around them.

What graphql-core does for every field of every item, the plan has done once:
finding the field, choosing between resolver and attribute, reading the kind of
value. Here a field without a resolver is one attribute read, a resolver is
called without Strawberry's per-call wrapper where direct.py can, arguments are
coerced once per field of the request (not per item), and a resolve info is
built only for the fields that are given one.

Awaitables are gathered per object and per list, as graphql-core gathers them,
so every data loader of a level is asked before the event loop turns and a
level is still one statement. Anything that would be an error in the response
raises `Fallback`: the caller then has graphql-core execute the whole operation,
which reports it exactly. So this module never builds an error itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from graphql import GraphQLObjectType, GraphQLResolveInfo, Undefined
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, is_iterable

from schema.execution.plan import Completion, FieldPlan, Kind, OperationPlan, Planner

Info = GraphQLResolveInfo[Any]


# Values that are never awaitable, errors or None: a leaf with one of these is coerced at once.
PLAIN_VALUES = frozenset({str, int, float, bool})


class Fallback(Exception):
    """This request is left to graphql-core's executor (an error, or a value the plan cannot take)."""


class PlanRun:
    """One request's run of a plan; `executor` is its graphql-core executor (for infos and
    variables)."""

    def __init__(self, executor: Any, plan: OperationPlan, planner: Planner) -> None:
        self.executor = executor
        self.plan = plan
        self.planner = planner
        self.is_awaitable = executor.is_awaitable
        self.arguments: dict[int, dict[str, Any]] = {}
        self.converted_arguments: dict[int, dict[str, Any]] = {}

    def data(self) -> dict[str, Any] | Awaitable[dict[str, Any]]:
        return self.object_fields(self.plan.fields, self.executor.root_value, None)

    def object_fields(
        self, fields: list[FieldPlan], source: Any, path: Path | None
    ) -> dict[str, Any] | Awaitable[dict[str, Any]]:
        data: dict[str, Any] = {}
        pending: list[tuple[str, Awaitable[Any]]] = []
        try:
            for field in fields:
                completion = field.completion
                if completion is None:  # __typename
                    data[field.key] = field.parent_type.name
                    continue
                info = None
                if field.read is not None:
                    value = field.read(source, field.attribute)  # type: ignore[arg-type]
                    if completion.kind is Kind.LEAF and type(value) in PLAIN_VALUES:
                        # most fields of a response: an attribute with a scalar in it
                        data[field.key] = _coerced(completion, value)
                        continue
                    field_path = Path(path, field.key, field.parent_type.name)
                    if field.needs_info:
                        info = self.info(field, field_path)
                else:
                    field_path = Path(path, field.key, field.parent_type.name)
                    info = self.info(field, field_path)
                    value = self.resolve(field, source, info)
                completed = self.complete(completion, value, field, field_path, info)
                if self.is_awaitable(completed):
                    data[field.key] = None  # keeps the key's place in the response
                    pending.append((field.key, completed))
                else:
                    data[field.key] = completed
        except BaseException:
            _abandon(pending)
            raise
        if pending:
            return _settle(data, pending)
        return data

    def complete(
        self,
        completion: Completion,
        value: Any,
        field: FieldPlan,
        path: Path,
        info: Info | None,
    ) -> Any:
        if self.is_awaitable(value):
            return self._complete_later(completion, value, field, path, info)
        if value is None or value is Undefined:
            if completion.non_null:
                raise Fallback("null for a non-null field")
            return None
        if isinstance(value, Exception):
            raise Fallback("a resolver returned an error")
        kind = completion.kind
        if kind is Kind.LEAF:
            return _coerced(completion, value)
        if kind is Kind.OBJECT:
            object_type = completion.object_type
            assert object_type is not None
            if object_type.is_type_of is not None and not _is(object_type, value, info):
                raise Fallback("a value of another type")
            return self.object_fields(completion.fields, value, path)
        if kind is Kind.LIST:
            return self.list_items(completion, value, field, path, info)
        return self.complete(
            self.runtime_completion(completion, value, info), value, field, path, info
        )

    def list_items(
        self,
        completion: Completion,
        value: Any,
        field: FieldPlan,
        path: Path,
        info: Info | None,
    ) -> list[Any] | Awaitable[list[Any]]:
        if not is_iterable(value):
            raise Fallback("a list field's value is not iterable")
        item = completion.item
        assert item is not None
        items: list[Any] = []
        pending: list[tuple[int, Awaitable[Any]]] = []
        try:
            for index, element in enumerate(value):
                completed = self.complete(item, element, field, path.add_key(index), info)
                if self.is_awaitable(completed):
                    pending.append((index, completed))
                    completed = None
                items.append(completed)
        except BaseException:
            _abandon(pending)
            raise
        if pending:
            return _settle(items, pending)
        return items

    def runtime_completion(
        self, completion: Completion, value: Any, info: Info | None
    ) -> Completion:
        """The object completion for an abstract field's value, planned once per runtime type."""
        abstract_type = completion.abstract_type
        assert abstract_type is not None and info is not None
        resolve_type = abstract_type.resolve_type or self.executor.type_resolver
        name = resolve_type(value, info, abstract_type)
        if self.is_awaitable(name):
            _abandon([(0, name)])  # type: ignore[list-item]
            raise Fallback("an asynchronous type resolver")
        if not isinstance(name, str):
            raise Fallback("the runtime type is not given by name")
        planned = completion.by_type.get(name)
        if planned is None:
            schema = self.executor.schema
            runtime_type = schema.get_type(name)
            if not isinstance(runtime_type, GraphQLObjectType) or not schema.is_sub_type(
                abstract_type, runtime_type
            ):
                raise Fallback(f"{name} is not a possible type of {abstract_type.name}")
            planned = self.planner.plan_runtime_type(completion, runtime_type)
            completion.by_type[name] = planned
        return planned

    def resolve(self, field: FieldPlan, source: Any, info: Info) -> Any:
        """The field's resolver's answer: called directly when the plan knows how, else
        through the resolver Strawberry gave graphql-core."""
        direct = field.direct
        if direct is not None:
            strawberry_info = direct.info_for(info)
            return direct.call(source, strawberry_info, self.converted(field, strawberry_info))
        resolve = field.field_def.resolve or self.executor.field_resolver  # type: ignore[union-attr]
        if field.takes_arguments:
            return resolve(source, info, **self.argument_values(field))
        return resolve(source, info)

    def converted(self, field: FieldPlan, strawberry_info: Any) -> dict[str, Any]:
        """The field's arguments as its resolver takes them (Strawberry's conversion), once
        per request when they are only scalars and enums."""
        direct = field.direct
        assert direct is not None
        if not field.takes_arguments:
            return {}
        if not direct.converts_once:
            return direct.convert(self.argument_values(field), strawberry_info)
        values = self.converted_arguments.get(id(field))
        if values is None:
            values = direct.convert(self.argument_values(field), strawberry_info)
            self.converted_arguments[id(field)] = values
        return values

    def info(self, field: FieldPlan, path: Path) -> Info:
        info: Info = self.executor.build_resolve_info(
            field.field_def, field.nodes, field.parent_type, path
        )
        return info

    def argument_values(self, field: FieldPlan) -> dict[str, Any]:
        """The field's arguments, coerced once per request: variables do not change within one."""
        values = self.arguments.get(id(field))
        if values is None:
            values = get_argument_values(
                field.field_def,  # type: ignore[arg-type]
                field.nodes[0],
                self.executor.variable_values,
                field.details[0].fragment_variable_values,
                self.executor.hide_suggestions,
            )
            self.arguments[id(field)] = values
        return values

    async def _complete_later(
        self,
        completion: Completion,
        awaitable: Awaitable[Any],
        field: FieldPlan,
        path: Path,
        info: Info | None,
    ) -> Any:
        completed = self.complete(completion, await awaitable, field, path, info)
        if self.is_awaitable(completed):
            return await completed
        return completed


def _coerced(completion: Completion, value: Any) -> Any:
    """A leaf value as the response shows it (graphql-core's coercion; a failure falls back)."""
    coerced = completion.coerce(value)  # type: ignore[misc]
    if coerced is None or coerced is Undefined:
        raise Fallback("a leaf value that does not coerce")
    return coerced


def _is(object_type: GraphQLObjectType, value: Any, info: Info | None) -> bool:
    answer = object_type.is_type_of(value, info)  # type: ignore[misc, arg-type]
    if asyncio.iscoroutine(answer) or isinstance(answer, asyncio.Future):
        _abandon([(0, answer)])
        raise Fallback("an asynchronous type check")
    return bool(answer)


async def _settle(container: Any, pending: list[tuple[Any, Awaitable[Any]]]) -> Any:
    """The container with its pending values filled in, gathered together (as graphql-core
    does, so their data loaders are all asked in the same turn of the event loop)."""
    answers = await asyncio.gather(*(awaitable for _, awaitable in pending), return_exceptions=True)
    for (place, _), answer in zip(pending, answers, strict=True):
        if isinstance(answer, BaseException):
            raise Fallback("a field failed") from answer
        container[place] = answer
    return container


# Awaitables left behind when a run stops early still run to their end (their loaders'
# answers are cached for graphql-core's run); referenced here until they are done.
_ABANDONED: set[asyncio.Future[Any]] = set()


def _abandon(pending: list[tuple[Any, Awaitable[Any]]]) -> None:
    if not pending:
        return
    awaitables = [awaitable for _, awaitable in pending]
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop (a synchronous execution): nothing can await them
        for awaitable in awaitables:
            close = getattr(awaitable, "close", None)
            if close is not None:
                close()
        return
    gathered = asyncio.gather(*awaitables, return_exceptions=True)
    _ABANDONED.add(gathered)
    gathered.add_done_callback(_ABANDONED.discard)
