"""`papers-graph db start|stop|status`: the local Neo4j from the command line."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from graphdb.local.process import (
    AlreadyRunning,
    LocalNeo4jConfig,
    start,
    status,
    stop,
    version,
)
from graphdb.settings import data_dir


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "db",
        help="run a local Neo4j (5.26 Community, embedded) on 127.0.0.1",
        description=(
            f"A local Neo4j {version()} Community for development and tests, run embedded by a "
            "small Java launcher (needs a JDK 17+ and Maven, which fetches the jars once). "
            "Bolt listens on 127.0.0.1 only, without authentication. For deployment use "
            "`docker compose up` instead."
        ),
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, helptext in (
        ("start", "start it and wait until Bolt answers"),
        ("stop", "shut it down cleanly"),
        ("status", "say whether it runs, and where (exit code 3 when it does not)"),
    ):
        action = actions.add_parser(name, help=helptext)
        action.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="where Neo4j keeps its files (default: $PAPERS_GRAPH_DATA_DIR or .data)",
        )
        if name == "start":
            env = os.environ
            action.add_argument(
                "--port",
                type=int,
                default=int(env.get("PAPERS_GRAPH_NEO4J_PORT", "7687")),
                help="Bolt port on 127.0.0.1; 0 picks a free one (default: %(default)s)",
            )
            action.add_argument(
                "--heap",
                default=env.get("PAPERS_GRAPH_NEO4J_HEAP", "4g"),
                help="JVM heap, e.g. 1g (default: %(default)s)",
            )
            action.add_argument(
                "--pagecache",
                default=env.get("PAPERS_GRAPH_NEO4J_PAGECACHE", "6g"),
                help="Neo4j page cache, e.g. 512m (default: %(default)s)",
            )
        action.set_defaults(run=run)


def config_from_args(args: argparse.Namespace) -> LocalNeo4jConfig:
    base = args.data_dir.resolve() if args.data_dir else data_dir()
    if args.action == "start":
        return LocalNeo4jConfig(
            data_dir=base, port=args.port, heap=args.heap, pagecache=args.pagecache
        )
    return LocalNeo4jConfig(data_dir=base)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    if args.action == "start":
        try:
            started = start(config)
        except AlreadyRunning as running:
            print(f"papers-graph: {running}")
            return 0
        print(
            f"Neo4j {version()} is running at {started.uri} (pid {started.pid}, data in {config.root})"
        )
        return 0
    if args.action == "stop":
        was = stop(config)
        print(f"Neo4j (pid {was.pid}) stopped" if was.running else "Neo4j was not running")
        return 0
    current = status(config)
    if current.running:
        print(f"running at {current.uri} (pid {current.pid}, data in {config.root})")
        return 0
    print(f"not running (data in {config.root})")
    return 3
