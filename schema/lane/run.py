"""The one lane: every GraphQL request, from its text to its response.

Once per query text (cached, within a budget of bytes): refuse a text over the length limit,
parse (within the token limit), measure depth and aliases (linear in the text) and validate
(GraphQL's rules). Per request: pick the operation, coerce the variables,
estimate the cost, translate (translate.py) into one statement, run it, shape the answer.
graphql-core is used for parsing, validation, variable coercion and introspection only.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson
from graphql import (
    SKIP,
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    StringValueNode,
    VariableNode,
    VariableValues,
    Visitor,
    build_schema,
    execute,
    get_variable_values,
    parse,
    specified_rules,
    validate,
    visit,
)
from strawberry.schema.types.base_scalars import DateDefinition

from schema.data.executor import CypherExecutor, DatabaseUnavailable, QueryTimeout
from schema.errors import (
    BAD_USER_INPUT,
    INTERNAL_SERVER_ERROR,
    QUERY_TIMEOUT,
    QUERY_TOO_COMPLEX,
    SERVICE_UNAVAILABLE,
    VALIDATION_FAILED,
    shown,
)
from schema.lane.cache import BoundedCache
from schema.lane.collect import collect
from schema.lane.measure import (
    alias_errors,
    cost,
    depth_errors,
    fragments_of,
    long_strings,
    operations,
)
from schema.lane.mutate import Context, Outcome, Writes
from schema.lane.shape import Sink
from schema.lane.translate import Ctx, Slot, rebind, root_fields, shape_response
from schema.limits import Limits, setting
from schema.model import PRIVATE_ROOTS, check_model

log = logging.getLogger("papers_graph.api")

KEPT = 1024  # query texts whose parse and validation are kept (and translations), at most
# What a parsed document weighs per character of its text, at most (measured: 120 bytes for a
# text dense in tokens, 2 for one of comments); a translation is weighed the same.
PARSED_BYTES_PER_CHAR = 125


class Translated(NamedTuple):
    """An operation's translation, kept per query text, operation and the values of the
    variables that shape it (a variable only a slot reads does not)."""

    fields: Any
    roots: list[Any]
    shapes: list[Any]
    introspection: dict[str, Any]
    statement: str | None
    params: dict[str, Any]
    slots: Mapping[str, Slot]


class BadRequest(Exception):
    """The request cannot be read as GraphQL: HTTP 400 (or `status`) with this reason."""

    def __init__(self, reason: str, status: int = 400, code: str = BAD_USER_INPUT) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code


@dataclass
class Prepared:
    document: DocumentNode | None
    errors: list[GraphQLError]
    fragments: Mapping[str, FragmentDefinitionNode]
    costs: dict[tuple[Any, ...], int] = field(default_factory=dict)
    # Per operation: the variables its kept translations take from slots.
    free: dict[str | None, frozenset[str]] = field(default_factory=dict)
    uses: Counter[str] = field(default_factory=Counter)


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    operation: str | None = None  # the operation's name, for the request's log line
    headers: dict[str, str] = field(default_factory=dict)  # WWW-Authenticate, Retry-After, ...


def graphql_schema(sdl: str) -> GraphQLSchema:
    """The schema graphql-core validates against, from the SDL Strawberry prints; its Date
    coerces as Strawberry's does."""
    schema = build_schema(sdl)
    date = schema.get_type("Date")
    date.parse_value = DateDefinition.parse_value  # type: ignore[union-attr]
    date.coerce_input_value = DateDefinition.parse_value  # type: ignore[union-attr]
    check_model(schema)
    return schema


class Lane:
    """Per app: the schema, the prepared query texts, and how to run a request."""

    def __init__(self, schema: GraphQLSchema, executor: Callable[[], CypherExecutor],
                 limits: Limits | None = None) -> None:  # fmt: skip
        self.schema = schema
        self.executor = executor
        self.limits = limits or Limits()
        half = self.limits.cache_bytes // 2
        self._prepared: BoundedCache[Prepared] = BoundedCache(KEPT, half)
        self._translations: BoundedCache[Translated] = BoundedCache(KEPT, half)
        self.outage = OutageLog()
        self.writes = Writes(schema, executor, self.limits.mutations_per_minute)

    def prepare(self, text: str) -> Prepared:
        found = self._prepared.get(text)
        if found is not None:
            return found
        limits = self.limits
        if len(text) > limits.query_chars:
            # Refused before parsing, and not kept: refusing it again costs as little.
            return Prepared(None, [_too_complex(
                f"the query has {len(text):,} characters; at most {limits.query_chars:,} "
                f"({setting('query_chars')})")], {})  # fmt: skip
        try:
            document = parse(text, max_tokens=limits.tokens, allow_empty_selection_sets=False)
        except GraphQLError as error:
            too_big = (f"more than {limits.tokens} tokens" in error.message
                       or "nested too deeply" in error.message)  # fmt: skip
            code = QUERY_TOO_COMPLEX if too_big else VALIDATION_FAILED
            prepared = Prepared(None, [_marked(error, code)], {})
        else:
            errors = [
                *(_marked(e, QUERY_TOO_COMPLEX) for e in depth_errors(document, limits.depth)),
                *(_marked(e, QUERY_TOO_COMPLEX) for e in alias_errors(document, limits.aliases)),
            ]
            errors += validate(self.schema, document, specified_rules)
            errors += [
                _long_string(node, limits) for node in long_strings(document, limits.string_chars)
            ]
            prepared = Prepared(document, errors, fragments_of(document))
            prepared.uses = variable_uses(document)
        self._prepared.put(text, prepared, len(text) * PARSED_BYTES_PER_CHAR)
        return prepared

    async def answer(self, query: str | None, variables: dict[str, Any] | None,
                     operation_name: str | None, request_id: str,
                     context: Context | None = None) -> Answer:  # fmt: skip
        context = context or Context()
        if not query:
            raise BadRequest("No GraphQL query found in the request")
        prepared = self.prepare(query)
        if prepared.document is None:
            return _failed(prepared.errors)
        operation = _operation(prepared.document, operation_name)
        named = operation.name.value if operation.name else None
        if prepared.errors:
            return _failed(prepared.errors, named)
        if operation.operation == OperationType.SUBSCRIPTION:
            raise BadRequest("subscriptions are not served")
        too_long = _long_variable(variables or {}, self.limits.string_chars)
        if too_long is not None:
            return _failed([GraphQLError(too_long, extensions={"code": BAD_USER_INPUT})], named)
        cost = self._cost(prepared, operation, variables or {})
        if cost > self.limits.cost:
            return _failed([_too_complex(
                f"{named or 'the operation'} is too expensive: estimated cost {cost:,} exceeds "
                f"the limit of {self.limits.cost:,} (lists multiply by their page size: ask for "
                "smaller pages or fewer nested lists)")], named)  # fmt: skip
        coerced = get_variable_values(
            self.schema, operation.variable_definitions or (), variables or {}
        )
        if isinstance(coerced, list):
            return _failed(coerced, named)
        if operation.operation == OperationType.MUTATION:
            assert prepared.document is not None
            done = await self.writes.mutation(prepared.document, operation, variables or {},
                                              context)  # fmt: skip
            return _answered(done, named)
        translated, params = self._translated(query, operation, prepared, coerced)
        fields, roots, shapes, introspection, statement = translated[:5]
        sink = Sink()
        record: Mapping[str, Any] | None = {}
        if statement is not None:
            try:
                records = await self.executor().run_whole(statement, params)
                record = records[0] if records else None
            except DatabaseUnavailable as error:
                self.outage.failed(_cause(error))
                return _database_failed(fields, roots, str(error), SERVICE_UNAVAILABLE, named)
            except QueryTimeout as error:
                self.outage.answered()
                return _database_failed(fields, roots, str(error), QUERY_TIMEOUT, named)
            except Exception:
                log.exception("request %s: the statement failed", request_id)
                return _database_failed(fields, roots, f"Internal server error (request id {request_id})",
                                        INTERNAL_SERVER_ERROR, named)  # fmt: skip
            self.outage.answered()
        data = shape_response(shapes, record, sink)
        if introspection and data is not None:
            data = self._with_introspection(
                prepared.document, operation, coerced, data, introspection, fields
            )
        body: dict[str, Any] = {"data": data}
        errors = [_formatted(e) for e in sink.errors]
        private = {k: n for k, n in fields.items() if n[0].name.value in PRIVATE_ROOTS}
        if private:
            assert prepared.document is not None
            found, more, refused = await self.writes.private(
                prepared.document, operation, private, variables or {}, context
            )
            if refused is not None:
                return _answered(refused, named)
            if data is not None:
                data = {k: found.get(k) if k in private else data.get(k) for k in fields}
                body["data"] = data
            errors += more
        if errors:
            body["errors"] = errors
        return Answer(200, body, named)

    def forget_translations(self) -> None:
        self._translations.clear()

    def _cost(self, prepared: Prepared, operation: OperationDefinitionNode,
              variables: Mapping[str, Any]) -> int:  # fmt: skip
        """The estimate with these page sizes and lists' lengths (`nodes(ids:)`: the only
        variables it reads), kept per text."""
        sizes = tuple(sorted((k, len(v) if isinstance(v, list) else v) for k, v in variables.items()
                             if isinstance(v, int | list)))  # fmt: skip
        key = (operation.name.value if operation.name else "", *sizes)
        found = prepared.costs.get(key)
        if found is None:
            found = cost(operation, prepared.fragments, variables)
            if len(prepared.costs) < 64:
                prepared.costs[key] = found
        return found

    def _translated(self, query: str, operation: OperationDefinitionNode, prepared: Prepared,
                    coerced: VariableValues) -> tuple[Translated, dict[str, Any]]:  # fmt: skip
        """The request's statement and shape, made once per query text, operation and the
        values of the variables that shape it, and the statement's parameters. A variable
        that only gives a lookup its key (`paper(arxivId: $id)`) is a slot: another value
        reuses the translation with that parameter remade."""
        # The operation's own variables as coerced: values it does not declare do not matter.
        declared = coerced.coerced
        name = operation.name.value if operation.name else None
        free = prepared.free.get(name, frozenset())
        key = (query, name, free, _values(declared, free))
        found = self._translations.get(key)
        if found is not None:
            params = rebind(found.slots, found.params, declared) if free else found.params
            if params is not None:
                return found, params
        query_type = self.schema.query_type
        assert isinstance(query_type, GraphQLObjectType)
        ctx = Ctx(self.schema, prepared.fragments, coerced, self.limits)
        fields = collect(
            self.schema, query_type, [operation.selection_set], prepared.fragments, coerced
        )
        introspection = {
            k: n for k, n in fields.items() if n[0].name.value in ("__schema", "__type")
        }
        data_fields = {k: n for k, n in fields.items() if k not in introspection
                       and n[0].name.value not in PRIVATE_ROOTS}  # fmt: skip
        roots, shapes = root_fields(ctx, data_fields)
        blocks = [r.block for r in roots if r.block is not None]
        statement = None
        if blocks:
            columns = ", ".join(f"f{i}" for i, r in enumerate(roots) if r.block is not None)
            statement = "\n".join(blocks) + f"\nRETURN {columns}"
        # A slot's variable read anywhere else (another argument, a directive) shapes the
        # statement: its value stays part of the key.
        slots = {p: s for p, s in ctx.slots.items() if prepared.uses[s.variable] == 1}
        free = frozenset(s.variable for s in slots.values())
        translated = Translated(fields, roots, shapes, introspection, statement, ctx.params, slots)
        # Kept when it was missing, unless a variable the kept ones take from a slot gave no
        # slot here though it has a value (a bad key: answered as an error, not worth keeping).
        if found is None:
            known = prepared.free.get(name)
            given = frozenset(v for v in known or () if declared.get(v) is not None)
            if known is None or free >= given:
                free |= known or frozenset()
                prepared.free[name] = free
                values = _values(declared, free)
                weight = (
                    len(query) * PARSED_BYTES_PER_CHAR + len(values) * 10 + 4 * len(statement or "")
                )
                self._translations.put((query, name, free, values), translated, weight)
        return translated, ctx.params

    def _with_introspection(self, document: DocumentNode, operation: OperationDefinitionNode,
                            coerced: Any, data: dict[str, Any], keys: Mapping[str, Any],
                            fields: Mapping[str, Any]) -> dict[str, Any]:  # fmt: skip
        result = execute(self.schema, document, operation_name=operation.name.value if operation.name else None,
                         variable_values=coerced.coerced)  # fmt: skip
        answered = result.data or {}  # type: ignore[union-attr]
        return {key: answered.get(key) if key in keys else data.get(key) for key in fields}


class OutageLog:
    """Logs an outage of the database once when it starts and once when it ends (with how
    long it lasted and how many requests it failed), not once per request."""

    def __init__(self) -> None:
        self.since: float | None = None
        self.failed_requests = 0

    def failed(self, reason: str) -> None:
        if self.since is None:
            self.since = time.monotonic()
            self.failed_requests = 0
            log.warning("the graph database is unavailable (%s); answering 503 until it is back",
                        reason)  # fmt: skip
        self.failed_requests += 1

    def answered(self) -> None:
        if self.since is not None:
            log.warning("the graph database is back after %.1f s; %d requests were answered 503",
                        time.monotonic() - self.since, self.failed_requests)  # fmt: skip
            self.since = None


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    """The operation to run: the named one, or the only one (the spec's GetOperation)."""
    found = operations(document)
    if name is None:
        if len(found) == 1:
            return found[0]
        raise BadRequest(
            "operationName: the document has several operations; name the one to run"
            if found
            else "the document has no operation to run"
        )
    for operation in found:
        if operation.name is not None and operation.name.value == name:
            return operation
    raise BadRequest(f"operationName: the document has no operation named {shown(name)}")


def _long_variable(values: Any, limit: int, path: str = "variables") -> str | None:
    """Where a variable holds a string over the limit (checked before coercion reads it)."""
    stack = [(path, values)]
    while stack:
        at, value = stack.pop()
        if isinstance(value, str):
            if len(value) > limit:
                return (f"{at}: a string of {len(value):,} characters; at most {limit:,} "
                        f"({setting('string_chars')})")  # fmt: skip
        elif isinstance(value, dict):
            stack.extend((f"{at}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{at}[{i}]", v) for i, v in enumerate(value))
    return None


def _long_string(node: StringValueNode, limits: Limits) -> GraphQLError:
    message = (f"a string of {len(node.value):,} characters; at most {limits.string_chars:,} "
               f"({setting('string_chars')})")  # fmt: skip
    return GraphQLError(message, [node], extensions={"code": BAD_USER_INPUT})


def _cause(error: Exception) -> str:
    """What the driver said of an outage (its first line), for the log."""
    cause = error.__cause__ or error
    text = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    return text[:200]


def _marked(error: GraphQLError, code: str) -> GraphQLError:
    if error.extensions and "code" in error.extensions:
        return error
    error.extensions = {**(error.extensions or {}), "code": code}
    return error


def _too_complex(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": QUERY_TOO_COMPLEX})


def _formatted(error: GraphQLError) -> dict[str, Any]:
    shown: dict[str, Any] = dict(error.formatted)
    extensions = dict(shown.get("extensions") or {})
    if "code" not in extensions:
        extensions["code"] = VALIDATION_FAILED
        shown["extensions"] = extensions
    return shown


def _answered(outcome: Outcome, operation: str | None) -> Answer:
    return Answer(outcome.status, outcome.body, operation, outcome.headers)


def _failed(errors: list[GraphQLError], operation: str | None = None) -> Answer:
    return Answer(200, {"data": None, "errors": [_formatted(e) for e in errors]}, operation)


def _database_failed(fields: Mapping[str, Any], roots: list[Any], message: str, code: str,
                     operation: str | None) -> Answer:  # fmt: skip
    """Every root field that needed the statement: null with the error at its path."""
    errors = []
    data: dict[str, Any] | None = {}
    for root in roots:
        nodes = fields[root.key]
        errors.append(
            _formatted(
                GraphQLError(message, nodes=nodes, path=[root.key], extensions={"code": code})
            )
        )
    status = 503 if code == SERVICE_UNAVAILABLE else 200
    return Answer(status, {"data": None if errors else data, "errors": errors}, operation)


def _values(declared: Mapping[str, Any], free: frozenset[str]) -> bytes:
    """The key of the variables' values that shape a translation: all but the free ones, and
    of those only whether they are null (a null makes no slot: it shapes the statement)."""
    shaping = {k: v for k, v in declared.items() if k not in free} if free else dict(declared)
    shaping |= {f"${k}": declared.get(k) is None for k in free}
    return orjson.dumps(shaping, option=orjson.OPT_SORT_KEYS, default=str) if shaping else b""


def variable_uses(document: DocumentNode) -> Counter[str]:
    """How many times each variable is used in the document (definitions not counted)."""
    uses: Counter[str] = Counter()

    class Count(Visitor):
        def enter_variable_definition(self, *_: Any) -> Any:
            return SKIP  # `$name: Type = default` declares; it does not use

        def enter_variable(self, node: VariableNode, *_: Any) -> None:
            uses[node.name.value] += 1

    visit(document, Count())
    return uses
