"""The ASGI application: GraphQL (and GraphiQL) at /graphql, /healthz and /readyz, the site at /."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
from collections.abc import AsyncIterator

from neo4j import AsyncDriver, Query
from neo4j.exceptions import DriverError, Neo4jError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from graphdb.driver import open_async_driver
from schema.build import sdl
from schema.data.executor import CypherExecutor
from schema.lane.run import Lane, graphql_schema
from server.config import ApiSettings
from server.graphql_http import GraphQLEndpoint
from server.request_log import configure_logging
from server.site import site_routes

log = logging.getLogger("papers_graph.api")

READY_SECONDS = 2.0


def create_app(settings: ApiSettings | None = None) -> Starlette:
    settings = settings or ApiSettings.from_env()
    drivers = DriverHolder()

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        # Creating the driver does not connect: the API starts even while Neo4j is
        # down, answers 503 meanwhile and recovers by itself when it is back.
        if not logging.getLogger().handlers:  # a worker process started by `serve --workers`
            configure_logging(os.environ.get("PAPERS_GRAPH_LOG_LEVEL", "info"),
                              os.environ.get("PAPERS_GRAPH_LOG_FORMAT") == "json")  # fmt: skip
        driver = open_async_driver(settings.neo4j)
        drivers.set(driver)
        # The schema and everything imported are long-lived: moved out of the collector's
        # generations, full collections during requests no longer walk them.
        gc.collect()
        gc.freeze()
        log.info("papers-graph API using Neo4j at %s", settings.neo4j.uri)
        try:
            yield
        finally:
            drivers.set(None)
            await driver.close()

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(_request: Request) -> JSONResponse:
        try:
            # Bounded as a whole: a database that accepts connections and never answers
            # (starting, overloaded) is not ready either.
            async with asyncio.timeout(READY_SECONDS):
                await drivers.driver.execute_query(
                    Query("RETURN 1", timeout=READY_SECONDS), database_=settings.neo4j.database
                )
        except TimeoutError:
            return JSONResponse(
                {"status": "unavailable", "neo4j": settings.neo4j.uri,
                 "reason": f"no answer within {READY_SECONDS:g}s"}, status_code=503)  # fmt: skip
        except (DriverError, Neo4jError, OSError) as exc:
            return JSONResponse(
                {"status": "unavailable", "neo4j": settings.neo4j.uri, "reason": _reason(exc)},
                status_code=503,
            )
        return JSONResponse({"status": "ready", "neo4j": settings.neo4j.uri})

    def executor() -> CypherExecutor:
        return CypherExecutor(
            drivers.driver,
            database=settings.neo4j.database,
            timeout_seconds=settings.query_timeout,
        )

    lane = Lane(graphql_schema(sdl()), executor, settings.limits)
    graphql = GraphQLEndpoint(lane, settings.site_dir)
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            # Authorization is allowed cross-origin only to the configured origins (the
            # middleware answers none else); no cookies are used, so none are allowed.
            allow_headers=["content-type", "x-request-id", "authorization", "idempotency-key"],
            allow_credentials=False,
            expose_headers=["retry-after", "x-request-id"],
            max_age=600,
        )
    ]
    routes = [
        Route("/graphql", graphql),  # every method: the endpoint answers 405 itself (as JSON)
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        *site_routes(settings.site_dir),  # last: its fallback answers every other path
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.lane = lane  # for benchmarks that call the app in process
    return app


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


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]
