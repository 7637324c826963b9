"""Strawberry's ASGI view, wired to our per-request context and HTTP status rules."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from cross_web import HTTPException  # what Strawberry's view raises (its own dependency)
from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse

from schema.context import Context
from schema.data.batch import DataAccess
from schema.data.executor import CypherExecutor
from schema.errors import SERVICE_UNAVAILABLE, code_for_unmarked
from schema.execution.executor import ANSWERED_WHOLE, Answered
from server.config import ApiSettings
from server.fast_lane import FastLane, in_query_string, posted
from server.playground import with_example_query


class PapersGraphQL(GraphQL[Context, None]):
    def __init__(self, schema: Any, driver_holder: DriverHolder, settings: ApiSettings) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self._drivers = driver_holder
        self._settings = settings
        compiles = settings.planned_execution and settings.compiled_execution
        self.fast_lane = FastLane(schema._schema, self._executor) if compiles else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Strawberry's handling of a request, after the fast lane (fast_lane.py)."""
        if scope["type"] != "http" or self.fast_lane is None:
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        asked = None
        if request.method == "POST":  # the body is kept for Strawberry's own reading
            asked = posted(request.headers.get("content-type", ""), await request.body())
        elif request.method == "GET":
            asked = in_query_string(scope["query_string"])
        if asked is not None:
            answer = await self.fast_lane.answer(*asked)
            if answer is not None:
                await Response(answer, media_type="application/json")(scope, receive, send)
                return
        answered: list[Answered] = []
        listening = ANSWERED_WHOLE.set(answered)
        try:
            response = await self.run(request)
        except HTTPException as exc:  # as Strawberry's own __call__ answers it
            response = PlainTextResponse(exc.reason, status_code=exc.status_code)
        finally:
            ANSWERED_WHOLE.reset(listening)
        if asked is not None and len(answered) == 1 and response.status_code == 200:
            self.fast_lane.remember(asked[0], answered[0])
        await response(scope, receive, send)

    def _executor(self) -> CypherExecutor:
        return CypherExecutor(
            self._drivers.driver,
            database=self._settings.neo4j.database,
            timeout_seconds=self._settings.query_timeout,
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex[:16]
        return Context(data=DataAccess(self._executor()), request_id=request_id)

    async def process_result(self, request: Request, result: Any) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        # Errors raised while parsing never pass the schema's error policy: give them a code here.
        for error in response.get("errors") or []:
            if isinstance(error, dict) and "code" not in (error.get("extensions") or {}):
                error["extensions"] = {
                    **(error.get("extensions") or {}),
                    "code": code_for_unmarked(str(error.get("message"))),
                }
        return response

    # orjson: the response body of a paper page is encoded in a fraction of json.dumps' time.
    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)  # its JSONDecodeError is json's: a bad body is still a 400

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(with_example_query(self.graphql_ide_html))

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        results = response_data if isinstance(response_data, list) else [response_data]
        if any(_has_code(r, SERVICE_UNAVAILABLE) for r in results):
            response.status_code = 503
            response.headers["retry-after"] = "5"
        return response


def _has_code(result: GraphQLHTTPResponse, code: str) -> bool:
    for error in result.get("errors") or []:
        if isinstance(error, dict) and (error.get("extensions") or {}).get("code") == code:
            return True
    return False


class DriverHolder:
    """The app's one Neo4j driver, opened in the lifespan and closed on shutdown."""

    def __init__(self) -> None:
        self._driver: AsyncDriver | None = None

    @property
    def driver(self) -> AsyncDriver:
        if self._driver is None:
            raise RuntimeError("the Neo4j driver is used outside the app's lifespan")
        return self._driver

    def set(self, driver: AsyncDriver | None) -> None:
        self._driver = driver
