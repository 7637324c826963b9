"""`papers-graph load`: arguments, the run, and the summary table."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graphdb.driver import open_sync_driver
from graphdb.settings import Neo4jSettings
from loaders.pipeline import LoadReport, load_dumps
from loaders.progress import make_progress
from loaders.rejects import RejectsFile


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "load",
        help="load Papers With Code dump files into Neo4j",
        description=(
            "Load dump files (.json, .json.gz, .parquet) or folders of them. Files are "
            "recognised by the core of their name (papers-with-abstracts, "
            "links-between-papers-and-code, evaluation-tables, methods, datasets), with or "
            "without the archive's date prefix. Loading is idempotent: run it again after a "
            "failure, or with a newer dump, to complete or update the graph."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="dump files or folders")
    parser.add_argument(
        "--rejects",
        type=Path,
        default=Path("rejects.jsonl"),
        metavar="FILE",
        help="JSON-lines file for skipped records, appended to (default: %(default)s)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    settings = Neo4jSettings.from_env()
    progress = make_progress(console)
    try:
        with open_sync_driver(settings) as driver, RejectsFile(args.rejects) as rejects:
            report = load_dumps(
                driver, args.paths, rejects=rejects, progress=progress, database=settings.database
            )
    finally:
        progress.close()
    print_summary(report, Console(width=None if console.is_terminal else 120))
    return 0 if report.ok else 1


def print_summary(report: LoadReport, console: Console) -> None:
    table = Table(title="Load summary")
    for column in ("file", "dump", "read", "loaded", "rejected", "seconds", "status"):
        table.add_column(
            column,
            justify="right" if column in {"read", "loaded", "rejected", "seconds"} else "left",
        )
    for f in report.files:
        table.add_row(
            f.path.name,
            f.kind.value,
            f"{f.read:,}",
            f"{f.loaded:,}",
            f"{f.rejected:,}",
            f"{f.seconds:,.1f}",
            "ok" if f.error is None else "[red]failed[/red]",
        )
    console.print(table)
    c = report.counts
    console.print(
        f"nodes created {c.nodes_created:,}, deleted {c.nodes_deleted:,}; "
        f"relationships created {c.relationships_created:,}, deleted {c.relationships_deleted:,}; "
        f"properties set {c.properties_set:,}"
    )
    if report.rejects_path:
        console.print(f"rejected records written to {report.rejects_path}", soft_wrap=True)
    for f in report.files:
        if f.error:
            console.print(
                f"[red]error:[/red] {f.error}. What was read before it is committed; "
                "fix the file and run the same command again to complete the load.",
                soft_wrap=True,
            )
