"""The one lane: every GraphQL request, from its text to its response.

Once per query text (cached): parse (within the token limit) and validate (GraphQL's rules
with the depth and alias limits). Per request: pick the operation, coerce the variables,
estimate the cost, translate (translate.py) into one statement, run it, shape the answer.
graphql-core is used for parsing, validation, variable coercion and introspection only.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    VariableValues,
    build_schema,
    execute,
    get_variable_values,
    parse,
    specified_rules,
    validate,
)
from strawberry.schema.types.base_scalars import DateDefinition

from schema.data.executor import CypherExecutor, DatabaseUnavailable, QueryTimeout
from schema.errors import (
    INTERNAL_SERVER_ERROR,
    QUERY_TIMEOUT,
    QUERY_TOO_COMPLEX,
    SERVICE_UNAVAILABLE,
    code_for_unmarked,
)
from schema.lane.collect import collect
from schema.lane.shape import Sink
from schema.lane.translate import Ctx, root_fields, shape_response
from schema.limits import LIMIT_RULES, MAX_COST, MAX_TOKENS, operation_cost
from schema.model import check_model

log = logging.getLogger("papers_graph.api")

KEPT = 1024  # query texts whose parse and validation are kept


# (root fields, roots, their shapes, introspection fields, the statement or None, its parameters)
Translated = tuple[Any, list[Any], list[Any], dict[str, Any], str | None, dict[str, Any]]


class BadRequest(Exception):
    """The request cannot be read as GraphQL: an HTTP 400 with this reason."""


@dataclass(frozen=True)
class Prepared:
    document: DocumentNode | None
    errors: list[GraphQLError]
    fragments: Mapping[str, FragmentDefinitionNode]


@dataclass
class Answer:
    status: int
    body: dict[str, Any]


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

    def __init__(self, schema: GraphQLSchema, executor: Callable[[], CypherExecutor]) -> None:
        self.schema = schema
        self.executor = executor
        self._lock = threading.Lock()
        self._prepared: OrderedDict[str, Prepared] = OrderedDict()
        self._translations: OrderedDict[tuple[str, str | None, bytes], Translated] = OrderedDict()

    def prepare(self, text: str) -> Prepared:
        with self._lock:
            found = self._prepared.get(text)
            if found is not None:
                self._prepared.move_to_end(text)
                return found
        try:
            document = parse(text, max_tokens=MAX_TOKENS, allow_empty_selection_sets=False)
        except GraphQLError as error:
            prepared = Prepared(None, [error], {})
        else:
            try:
                errors = validate(self.schema, document, (*specified_rules, *LIMIT_RULES))
            except (KeyError, ValueError):  # the limits' walk met what the spec's rules refuse
                errors = validate(self.schema, document, specified_rules)
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            prepared = Prepared(document, list(errors), fragments)
        with self._lock:
            self._prepared[text] = prepared
            if len(self._prepared) > KEPT:
                self._prepared.popitem(last=False)
        return prepared

    async def answer(self, query: str | None, variables: dict[str, Any] | None,
                     operation_name: str | None, request_id: str) -> Answer:  # fmt: skip
        if not query:
            raise BadRequest("No GraphQL query found in the request")
        prepared = self.prepare(query)
        if prepared.document is None:
            return _failed(prepared.errors)
        operation = _operation(prepared.document, operation_name)
        if prepared.errors:
            return _failed(prepared.errors)
        cost = operation_cost(operation, prepared.fragments, variables or {})
        if cost > MAX_COST:
            name = operation.name.value if operation.name else "the operation"
            return _failed([GraphQLError(
                f"{name} is too expensive: estimated cost {cost:,} exceeds the limit of "
                f"{MAX_COST:,} (lists multiply by their page size: ask for smaller "
                "pages or fewer nested lists)", extensions={"code": QUERY_TOO_COMPLEX})])  # fmt: skip
        coerced = get_variable_values(
            self.schema, operation.variable_definitions or (), variables or {}
        )
        if isinstance(coerced, list):
            return _failed(coerced)
        if operation.operation != OperationType.QUERY:
            raise BadRequest("only queries are served")
        translated = self._translated(query, operation, prepared, coerced, variables)
        fields, roots, shapes, introspection, statement, params = translated
        sink = Sink()
        record: Mapping[str, Any] | None = {}
        status = 200
        if statement is not None:
            try:
                records = await self.executor().run_whole(statement, params)
                record = records[0] if records else None
            except (DatabaseUnavailable, QueryTimeout) as error:
                code = (
                    SERVICE_UNAVAILABLE if isinstance(error, DatabaseUnavailable) else QUERY_TIMEOUT
                )
                log.warning("request %s: %s", request_id, error)
                return _database_failed(fields, roots, str(error), code)
            except Exception:
                log.exception("request %s: the statement failed", request_id)
                return _database_failed(fields, roots, f"Internal server error (request id {request_id})",
                                        INTERNAL_SERVER_ERROR)  # fmt: skip
        data = shape_response(shapes, record, sink)
        if introspection and data is not None:
            data = self._with_introspection(
                prepared.document, operation, coerced, data, introspection, fields
            )
        body: dict[str, Any] = {"data": data}
        if sink.errors:
            body["errors"] = [_formatted(e) for e in sink.errors]
        return Answer(status, body)

    def forget_translations(self) -> None:
        with self._lock:
            self._translations.clear()

    def _translated(self, query: str, operation: OperationDefinitionNode, prepared: Prepared,
                    coerced: VariableValues, variables: dict[str, Any] | None) -> Translated:  # fmt: skip
        """The request's statement and shape, made once per query text, operation and
        variables (a page asked again with the same values is not translated again)."""
        key = (query, operation.name.value if operation.name else None,
               orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS) if variables else b"")  # fmt: skip
        with self._lock:
            found = self._translations.get(key)
            if found is not None:
                self._translations.move_to_end(key)
                return found
        query_type = self.schema.query_type
        assert isinstance(query_type, GraphQLObjectType)
        ctx = Ctx(self.schema, prepared.fragments, coerced)
        fields = collect(
            self.schema, query_type, [operation.selection_set], prepared.fragments, coerced
        )
        introspection = {
            k: n for k, n in fields.items() if n[0].name.value in ("__schema", "__type")
        }
        data_fields = {k: n for k, n in fields.items() if k not in introspection}
        roots, shapes = root_fields(ctx, data_fields)
        blocks = [r.block for r in roots if r.block is not None]
        statement = None
        if blocks:
            columns = ", ".join(f"f{i}" for i, r in enumerate(roots) if r.block is not None)
            statement = "\n".join(blocks) + f"\nRETURN {columns}"
        translated = (fields, roots, shapes, introspection, statement, ctx.params)
        with self._lock:
            self._translations[key] = translated
            if len(self._translations) > KEPT:
                self._translations.popitem(last=False)
        return translated

    def _with_introspection(self, document: DocumentNode, operation: OperationDefinitionNode,
                            coerced: Any, data: dict[str, Any], keys: Mapping[str, Any],
                            fields: Mapping[str, Any]) -> dict[str, Any]:  # fmt: skip
        result = execute(self.schema, document, operation_name=operation.name.value if operation.name else None,
                         variable_values=coerced.coerced)  # fmt: skip
        answered = result.data or {}  # type: ignore[union-attr]
        return {key: answered.get(key) if key in keys else data.get(key) for key in fields}


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    """The operation to run: the named one, else the first (as Strawberry picks it)."""
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if name is None or (definition.name is not None and definition.name.value == name):
            return definition
    raise BadRequest(
        "Can't get GraphQL operation type" if name is None else f'Unknown operation named "{name}".'
    )


def _formatted(error: GraphQLError) -> dict[str, Any]:
    shown: dict[str, Any] = dict(error.formatted)
    extensions = dict(shown.get("extensions") or {})
    if "code" not in extensions:
        extensions["code"] = code_for_unmarked(error.message)
        shown["extensions"] = extensions
    return shown


def _failed(errors: list[GraphQLError]) -> Answer:
    return Answer(200, {"data": None, "errors": [_formatted(e) for e in errors]})


def _database_failed(
    fields: Mapping[str, Any], roots: list[Any], message: str, code: str
) -> Answer:
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
    return Answer(status, {"data": None if errors else data, "errors": errors})
