"""/graphql over HTTP: GraphQL requests (JSON POSTs and GETs) to the lane, GraphiQL to browsers.

A request that cannot be read as GraphQL (not GET or POST, a body that is not JSON, a
`query` that is not a string) is answered 400 or 405 with a plain-text reason, as
Strawberry's view answers it; every other answer is the lane's JSON, 503 with Retry-After
while the database is unavailable.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.http.ides import get_graphql_ide_html

from schema.errors import SERVICE_UNAVAILABLE
from schema.lane.run import BadRequest, Lane
from server.playground import with_example_query


class GraphQLEndpoint:
    def __init__(self, lane: Lane) -> None:
        self.lane = lane
        self.ide = with_example_query(get_graphql_ide_html(graphql_ide="graphiql"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = await self._respond(request)
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            return PlainTextResponse(
                "GraphQL only supports GET and POST requests.", status_code=405
            )
        try:
            if request.method == "GET":
                params = dict(parse_qsl(request.url.query, keep_blank_values=True))
                if params.get("query") is None and _wants_html(request):
                    return HTMLResponse(self.ide)
                asked: Any = params
                if params.get("variables"):
                    asked = {**params, "variables": _json(params["variables"])}
            else:
                content_type = request.headers.get("content-type", "")
                if "application/json" not in content_type:
                    raise BadRequest("Unsupported content type")
                asked = _json(await request.body())
            query, variables, operation_name = _fields(asked)
            request_id = request.headers.get("x-request-id") or uuid.uuid4().hex[:16]
            answer = await self.lane.answer(query, variables, operation_name, request_id)
        except BadRequest as error:
            return PlainTextResponse(str(error), status_code=400)
        response = Response(orjson.dumps(answer.body), status_code=answer.status,
                            media_type="application/json")  # fmt: skip
        if _has_code(answer.body, SERVICE_UNAVAILABLE):
            response.status_code = 503
            response.headers["retry-after"] = "5"
        return response


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "*/*" in accept


def _json(data: str | bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        raise BadRequest("Unable to parse request body as JSON") from None


def _fields(asked: Any) -> tuple[str | None, dict[str, Any] | None, str | None]:
    if isinstance(asked, list):
        raise BadRequest("Batching is not enabled")
    if not isinstance(asked, dict):
        raise BadRequest("The request body must be a JSON object")
    query, variables = asked.get("query"), asked.get("variables")
    if not isinstance(query, str | None):
        raise BadRequest("The GraphQL operation's `query` must be a string or null, if provided.")
    if not isinstance(variables, dict | None):
        raise BadRequest(
            "The GraphQL operation's `variables` must be an object or null, if provided."
        )
    extensions = asked.get("extensions")
    if not isinstance(extensions, dict | None):
        raise BadRequest(
            "The GraphQL operation's `extensions` must be an object or null, if provided."
        )
    name = asked.get("operationName")
    return query, variables, name if isinstance(name, str) else None


def _has_code(body: dict[str, Any], code: str) -> bool:
    return any((e.get("extensions") or {}).get("code") == code for e in body.get("errors") or [])
