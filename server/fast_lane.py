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
would serve, byte for byte (tests/test_fast_lane.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final

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
        self.hits = 0  # requests answered here (tests and benchmarks read it)
        self._lock = threading.Lock()  # one process may serve from several threads (tests)
        self._known: OrderedDict[Key, Answered] = OrderedDict()

    async def answer(self, content_type: str, body: bytes) -> bytes | None:
        """The response body for a POSTed request, or None for the full path to take it."""
        request = _request(content_type, body)
        if request is None:
            return None
        key, variables = request
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
        self.hits += 1
        return orjson.dumps({"data": data})

    def remember(self, content_type: str, body: bytes, answered: Answered) -> None:
        """The full path answered this request whole: later ones with its text come here."""
        request = _request(content_type, body)
        if request is None:
            return
        with self._lock:
            self._known[request[0]] = answered
            if len(self._known) > KEPT:
                self._known.popitem(last=False)


def _request(content_type: str, body: bytes) -> tuple[Key, dict[str, Any]] | None:
    """(query text and operation name, variables) of a plain JSON GraphQL request, else None."""
    if not content_type.startswith("application/json"):
        return None
    try:
        request = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(request, dict) or not request.keys() <= _FIELDS:
        return None
    query, name = request.get("query"), request.get("operationName")
    variables = request.get("variables") or {}
    if not isinstance(query, str) or not isinstance(name, str | None):
        return None
    if not isinstance(variables, dict) or request.get("extensions") is not None:
        return None
    return (query, name), variables
