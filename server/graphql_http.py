"""/graphql over HTTP: GraphQL requests (JSON POSTs and GETs) to the lane, GraphiQL to browsers.

A request that cannot be read as GraphQL (not GET or POST, a body that is not a JSON object,
a `query` that is not a string, no or an unknown operation) is answered 400, 405 or 413 with
a GraphQL error body (`errors` only, code BAD_USER_INPUT or REQUEST_TOO_LARGE); every other
answer is the lane's, 503 with Retry-After while the database is unavailable. Every request
is logged as one line (request id, status, duration, operation) by server/request_log.py.

`Authorization: Bearer TOKEN` says who a request is (graphdb/tokens.py): a wrong or revoked
token is refused 401 before anything runs; mutations and `submissions` need one
(schema/lane/mutate.py). `Idempotency-Key` is passed to the mutation. Neither header's value
is ever logged or echoed.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import orjson
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.http.ides import get_graphql_ide_html

from graphdb.tokens import Caller, authenticate
from schema.errors import REQUEST_TOO_LARGE, SERVICE_UNAVAILABLE
from schema.lane.mutate import CHALLENGE, UNAUTHENTICATED, Context
from schema.lane.run import Answer, BadRequest, Lane
from schema.limits import setting
from server.playground import with_example_query, with_local_files
from server.request_log import log_request

# A client's own request id is kept when it is one of these (it is copied into logs and the
# response header); anything else is replaced by one of ours.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class GraphQLEndpoint:
    def __init__(self, lane: Lane, site_dir: Path | None = None) -> None:
        self.lane = lane
        ide = with_example_query(get_graphql_ide_html(graphql_ide="graphiql"))
        self.ide = with_local_files(ide, site_dir) if site_dir is not None else ide

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        request = Request(scope, receive)
        given = request.headers.get("x-request-id", "")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        response, answer = await self._respond(request, request_id)
        response.headers["x-request-id"] = request_id
        await response(scope, receive, send)
        log_request(request_id, request.method, response.status_code,
                    time.perf_counter() - started, answer)  # fmt: skip

    async def _respond(self, request: Request, request_id: str) -> tuple[Response, Answer | None]:
        if request.method not in ("GET", "POST"):
            return _refused("GraphQL only supports GET and POST requests.", 405), None
        limit = self.lane.limits.body_bytes
        try:
            if request.method == "GET":
                if len(request.url.query) > limit:
                    raise _too_large(len(request.url.query), limit)
                params = dict(parse_qsl(request.url.query, keep_blank_values=True))
                if params.get("query") is None and _wants_html(request):
                    return HTMLResponse(self.ide), None
                asked: Any = params
                if params.get("variables"):
                    asked = {**params, "variables": _json(params["variables"], "variables")}
            else:
                content_type = request.headers.get("content-type", "")
                if "application/json" not in content_type:
                    raise BadRequest(
                        f"Content-Type: {content_type or 'none'} is not served; "
                        "send application/json", status=415)  # fmt: skip
                asked = _json(await _body(request, limit), "the request body")
            query, variables, operation_name = _fields(asked)
            context = Context(request.method, await self._caller(request),
                              request.headers.get("idempotency-key"))  # fmt: skip
            answer = await self.lane.answer(query, variables, operation_name, request_id, context)
        except BadRequest as error:
            return _refused(str(error), error.status, error.code), None
        except ClientDisconnect:
            return _refused("the client closed the request", 400), None
        response = Response(orjson.dumps(answer.body), status_code=answer.status,
                            media_type="application/json", headers=answer.headers)  # fmt: skip
        if _has_code(answer.body, SERVICE_UNAVAILABLE):
            response.status_code = 503
            response.headers["retry-after"] = "5"
        return response, answer

    async def _caller(self, request: Request) -> Caller | None:
        """Who the request's bearer token says it is; None without one. A token that is
        wrong, revoked or not a bearer token is refused (401) whatever the operation: a
        client that sends one expects to be someone. Its text is never logged or echoed."""
        header = request.headers.get("authorization")
        if header is None:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise BadRequest("Authorization: send `Bearer TOKEN`", 401, UNAUTHENTICATED)
        executor = self.lane.executor()
        try:
            caller = await authenticate(executor.driver, token.strip(), executor.database)
        except (ServiceUnavailable, SessionExpired, OSError):
            raise BadRequest("the graph database is unavailable; try again shortly", 503,
                             SERVICE_UNAVAILABLE) from None  # fmt: skip
        if caller is None:
            raise BadRequest("the token is not valid (wrong, or revoked)", 401, UNAUTHENTICATED)
        return caller


async def _body(request: Request, limit: int) -> bytes:
    """The body, read no further than the limit (a declared length over it is refused unread)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit, at_least=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> BadRequest:
    return BadRequest(
        f"the request is {'over ' if at_least else ''}{size:,} bytes; at most {limit:,} "
        f"({setting('body_bytes')})",
        status=413,
        code=REQUEST_TOO_LARGE,
    )


def _refused(reason: str, status: int, code: str = "BAD_USER_INPUT") -> Response:
    body = {"errors": [{"message": reason, "extensions": {"code": code}}]}
    response = Response(orjson.dumps(body), status_code=status, media_type="application/json")
    if status == 405:
        response.headers["allow"] = "GET, POST"
    elif status == 401:
        response.headers["www-authenticate"] = CHALLENGE + ', error="invalid_token"'
    elif status == 503:
        response.headers["retry-after"] = "5"
    return response


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "*/*" in accept


def _json(data: str | bytes, what: str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise BadRequest(
            f"{what} is not valid JSON ({error.msg} at character {error.pos})"
        ) from None


def _fields(asked: Any) -> tuple[str | None, dict[str, Any] | None, str | None]:
    if isinstance(asked, list):
        raise BadRequest("the request body is a JSON array: batching is not served; "
                         "send one object {\"query\": ...}")  # fmt: skip
    if not isinstance(asked, dict):
        raise BadRequest(f"the request body must be a JSON object {{\"query\": ...}}, "
                         f"not a {_json_kind(asked)}")  # fmt: skip
    query, variables = asked.get("query"), asked.get("variables")
    if not isinstance(query, str | None):
        raise BadRequest(f"query: must be a string, not a {_json_kind(query)}")
    if not isinstance(variables, dict | None):
        raise BadRequest(f"variables: must be an object or null, not a {_json_kind(variables)}")
    extensions = asked.get("extensions")
    if not isinstance(extensions, dict | None):
        raise BadRequest(f"extensions: must be an object or null, not a {_json_kind(extensions)}")
    name = asked.get("operationName")
    if not isinstance(name, str | None):
        raise BadRequest(f"operationName: must be a string or null, not a {_json_kind(name)}")
    return query, variables, name or None


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "null"


def _has_code(body: dict[str, Any], code: str) -> bool:
    return any((e.get("extensions") or {}).get("code") == code for e in body.get("errors") or [])
