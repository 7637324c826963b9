"""The fast lane: a query the API has answered whole before is answered again at HTTP level.

Between the HTTP request and its one Cypher statement, a compiled request spends
about a millisecond in Strawberry's view and executor (reading the request,
extensions, context, result processing): as much as its whole statement takes
in Neo4j. For a query text (and operation name) that the full path has already
answered by its compiled query (server.graphql_view listens for it), everything
that made it valid is known: it parsed within the token limit, validated with
the depth and alias limits, and compiled. What depends on the request is done
again here, exactly as the full path does it: the variables are coerced by
graphql-core, the cost is estimated with them (limits.operation_cost), the
compiled query prepares the statement, and the answer is shaped.

Anything else, and anything that does not go as planned (a variable that does not
coerce, a cost over the limit, a Fallback, a failed statement), and the request
takes the full path from the start, which answers or reports it as it always
does. So the fast lane only ever serves `{"data": ...}` answers that the full path
would serve, byte for byte (tests/test_fast_lane.py). It takes JSON POSTs and GETs
(the query string as Strawberry reads it); other requests go to the full path.

Strawberry's schema extensions do not run for the requests answered here. Today's lose
nothing (the limits are checked again above or cannot change for the same text; the
error policy acts on errors, which are never served here); an extension added with
per-request effects (metrics, tracing) must be called here too, or the lane turned off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final
from urllib.parse import parse_qsl

import orjson
from graphql import GraphQLSchema
from graphql.execution.values import get_variable_values

from schema.data.executor import CypherExecutor
from schema.execution.executor import Answered
from schema.limits import MAX_COST, operation_cost

KEPT: Final = 1024  # query texts remembered (the parser cache keeps as many)
_FIELDS: Final = {"query", "variables", "operationName", "extensions"}

Key = tuple[str, str | None]


class FastLane:
    """Per app: the query texts answered whole, and how to answer them again."""

    def __init__(self, schema: GraphQLSchema, executor: Callable[[], CypherExecutor]) -> None:
        self.schema = schema
        self.executor = executor
        self._lock = threading.Lock()  # one process may serve from several threads (tests)
        self._known: OrderedDict[Key, Answered] = OrderedDict()

    async def answer(self, key: Key, variables: dict[str, Any]) -> bytes | None:
        """The response body for this request, or None for the full path to take it."""
        with self._lock:
            known = self._known.get(key)
            if known is None:
                return None
            self._known.move_to_end(key)
        operation = known.operation
        if operation_cost(operation, known.fragments, variables) > MAX_COST:
            return None
        coerced = get_variable_values(self.schema, operation.variable_definitions or (), variables)
        if isinstance(coerced, list):  # errors: the full path reports them
            return None
        try:
            statement, values = known.compiled.prepare(coerced)
            records = await self.executor().run_whole(statement, values.params)
            data = known.compiled.data(records[0], values)
        except Exception:  # whatever it is, the full path meets it again and reports it
            return None
        return orjson.dumps({"data": data})

    def remember(self, key: Key, answered: Answered) -> None:
        """The full path answered this request whole: later ones with its text come here."""
        with self._lock:
            self._known[key] = answered
            if len(self._known) > KEPT:
                self._known.popitem(last=False)


Asked = tuple[Key, dict[str, Any]]  # (query text and operation name, variables)


def posted(content_type: str, body: bytes) -> Asked | None:
    """What a POST asks, when it is a plain JSON GraphQL request; else None."""
    if not content_type.startswith("application/json"):
        return None
    try:
        request = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(request, dict):
        return None
    return _asked(request, request.get("variables"))


def in_query_string(query_string: bytes) -> Asked | None:
    """What a GET asks in its query string (`variables` as JSON, as Strawberry reads it)."""
    try:
        pairs = parse_qsl(
            query_string.decode("latin-1"), keep_blank_values=True, strict_parsing=True
        )
    except ValueError:
        return None
    request = dict(pairs)
    if len(request) != len(pairs) or "query" not in request:  # a name given twice: full path
        return None
    variables: Any = None
    if request.get("variables"):
        try:
            variables = orjson.loads(request["variables"])
        except orjson.JSONDecodeError:
            return None
    return _asked({**request, "extensions": request.get("extensions") or None}, variables)


def _asked(request: dict[str, Any], variables: Any) -> Asked | None:
    if not request.keys() <= _FIELDS or request.get("extensions") is not None:
        return None
    query, name = request.get("query"), request.get("operationName")
    if not isinstance(query, str) or not isinstance(name, str | None):
        return None
    variables = variables or {}
    if not isinstance(variables, dict):
        return None
    return (query, name), variables
