"""`papers-graph serve` and `papers-graph schema`."""

from __future__ import annotations

import argparse
import os
import sys

import uvicorn


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the GraphQL API (GraphiQL at /graphql), /healthz and /readyz",
        description="Serve the GraphQL API with uvicorn. Neo4j settings come from NEO4J_* variables.",
    )
    serve.add_argument("--host", default=os.environ.get("PAPERS_GRAPH_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PAPERS_GRAPH_PORT", "8000")))
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.add_argument(
        "--log-format",
        default=os.environ.get("PAPERS_GRAPH_LOG_FORMAT", "text"),
        choices=["text", "json"],
        help="json: one JSON object per line (default: text; or PAPERS_GRAPH_LOG_FORMAT)",
    )
    serve.set_defaults(run=run_serve)

    schema = commands.add_parser("schema", help="print the GraphQL schema (SDL)")
    schema.set_defaults(run=run_schema)


def run_serve(args: argparse.Namespace) -> int:
    from server.config import ApiSettings
    from server.request_log import configure_logging

    try:
        ApiSettings.from_env()  # a bad setting is said here, not in each worker's traceback
    except ValueError as exc:
        print(f"papers-graph: error: {exc}", file=sys.stderr)
        return 2
    # Worker processes configure their logging from these (server/app.py).
    os.environ["PAPERS_GRAPH_LOG_LEVEL"] = args.log_level
    os.environ["PAPERS_GRAPH_LOG_FORMAT"] = args.log_format
    configure_logging(args.log_level, args.log_format == "json")
    print(f"papers-graph API: http://{args.host}:{args.port}/graphql", flush=True)
    uvicorn.run(
        "server.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        # Our own line per request (server/request_log.py) replaces uvicorn's access log.
        access_log=False,
        log_config=None,
    )
    return 0


def run_schema(_args: argparse.Namespace) -> int:
    from schema.build import sdl

    print(sdl(), end="")
    return 0
