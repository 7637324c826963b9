"""The `papers-graph` command: one entry point, a sub-command per job."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from neo4j.exceptions import AuthError, ServiceUnavailable

from graphdb.local import cli as db_cli
from graphdb.local.install import SetupError
from graphdb.local.process import LocalNeo4jError
from graphdb.settings import Neo4jSettings
from loaders import cli as load_cli
from loaders.dumps import UnknownDumpError
from server import serve_cli, token_cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papers-graph",
        description="A GraphQL API over a Neo4j graph of the Papers With Code archive.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db_cli.add_parser(commands)
    load_cli.add_parser(commands)
    load_cli.add_generate_parser(commands)
    serve_cli.add_parser(commands)
    token_cli.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """Run one command. `own_process`: this process is the command's alone (the console
    script), so a command may re-execute it (the online load does, for its allocator)."""
    args = build_parser().parse_args(argv)
    args.own_process = own_process
    try:
        code: int = args.run(args)
    except (SetupError, LocalNeo4jError, UnknownDumpError) as exc:
        print(f"papers-graph: error: {exc}", file=sys.stderr)
        return 1
    except ServiceUnavailable as exc:
        uri = Neo4jSettings.from_env().uri
        print(
            f"papers-graph: error: cannot reach Neo4j at {uri} ({exc}). Start the local one with "
            "`papers-graph db start`, or point NEO4J_URI at a running Neo4j.",
            file=sys.stderr,
        )
        return 1
    except AuthError as exc:
        print(f"papers-graph: error: Neo4j refused the credentials: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("papers-graph: interrupted", file=sys.stderr)
        return 130
    return code


def entry() -> None:
    """The `papers-graph` console script (and `python -m server.cli`)."""
    sys.exit(main(own_process=True))


if __name__ == "__main__":
    entry()
