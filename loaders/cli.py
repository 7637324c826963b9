"""`papers-graph load`: arguments, the run, and the summary table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graphdb.driver import open_sync_driver
from graphdb.settings import Neo4jSettings, data_dir
from loaders.lock import LoadLockedError, LoadLockLostError
from loaders.memory import (
    format_mb,
    objects_in_system_allocator,
    restart_with_system_allocator,
    run_peak_rss_mb,
)
from loaders.pipeline import LoadReport, load_dumps
from loaders.progress import make_progress
from loaders.rejects import RejectsFile
from loaders.related import RelatedSettings


def related_settings(args: argparse.Namespace) -> RelatedSettings:
    """The derived links' settings of a `load` command line."""
    return RelatedSettings(k=args.related_k, hub_degree=args.hub_degree,
                           coauthors_from=args.keep_coauthors_from)  # fmt: skip


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
    parser.add_argument(
        "--related-k",
        type=int,
        default=RelatedSettings().k,
        metavar="K",
        help="related papers stored per paper (default: %(default)s)",
    )
    parser.add_argument(
        "--hub-degree",
        type=int,
        default=RelatedSettings().hub_degree,
        metavar="N",
        help="features of more papers than this are not walked to find related candidates "
        "(they still count in scores; default: %(default)s)",
    )
    parser.add_argument(
        "--keep-coauthors-from",
        type=int,
        default=RelatedSettings().coauthors_from,
        metavar="N",
        help="authors of at least N papers keep their co-author ranking in the graph, read "
        "from an index by the API; the others' is ranked per request (default: %(default)s)",
    )
    # argparse refuses --bulk with --online
    forced = parser.add_mutually_exclusive_group()
    forced.add_argument(
        "--bulk",
        action="store_true",
        help="first load of an empty local database with Neo4j's offline importer: the same "
        "graph, several times faster; stops and restarts the local Neo4j (`papers-graph db`). "
        "The default when the target is the empty local Neo4j and the dumps hold at least "
        "4 MB ($PAPERS_GRAPH_BULK_MIN_BYTES, default 4000000; smaller ones load faster online)",
    )
    forced.add_argument(
        "--online",
        action="store_true",
        help="load online even into an empty local database (the default elsewhere)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the local Neo4j's folder, for --bulk and the choice of path "
        "(default: $PAPERS_GRAPH_DATA_DIR or .data)",
    )
    parser.add_argument(
        "--csv-only",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --bulk: only write the importer's files and arguments into DIR, for "
        "`neo4j-admin database import full @DIR/import.args` (the compose file's import service)",
    )
    parser.add_argument(
        "--unless-store",
        type=Path,
        default=None,
        metavar="DATA",
        help="with --csv-only: do nothing when the Neo4j data folder DATA holds a database",
    )
    parser.add_argument(
        "--after-import",
        type=Path,
        default=None,
        metavar="DIR",
        help="before loading online: finish an import prepared with --csv-only DIR (indexes, "
        "the empty lists the importer cannot write), if not done yet",
    )
    parser.set_defaults(run=run)


def add_generate_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "generate",
        help="write a synthetic archive in the real dump formats (for tests and benchmarks)",
        description=(
            "Write all five dumps as .json.gz into OUT: realistic shapes (shared authors, "
            "long-tailed tasks, methods and datasets, code for about half the papers, "
            "leaderboards, messy metric values). The same seed gives the same files."
        ),
    )
    parser.add_argument("--papers", type=int, required=True, metavar="N", help="number of papers")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default: 0)")
    parser.add_argument(
        "--with-bad-records",
        action="store_true",
        help="add a few records of each bad kind (not an object, no key field, wrong types)",
    )
    parser.set_defaults(run=run_generate)


def run_generate(args: argparse.Namespace) -> int:
    from loaders.generate import generate_archive

    if args.papers < 1:
        raise SystemExit("papers-graph generate: --papers must be at least 1")
    console = Console(stderr=True)
    with console.status(f"generating {args.papers:,} papers into {args.out} ..."):
        written = generate_archive(args.out, args.papers, args.seed, args.with_bad_records)
    for kind, count in written.items():
        print(f"{args.out / (kind + '.json.gz')}: {count:,} records")
    return 0


def run(args: argparse.Namespace) -> int:
    settings = Neo4jSettings.from_env()
    if args.bulk or (not args.online and _bulk_by_default(args, settings)):
        from loaders.bulk.cli import run_bulk

        return run_bulk(args)
    if getattr(args, "own_process", False):
        # the online load is one long process: its memory is handed back between steps
        # only with Python's objects in the C library's allocator (loaders/memory.py)
        # sys.argv[1] is "load" (the command takes no options before it); the path is chosen
        online = [] if args.online else ["--online"]
        restart_with_system_allocator(["-m", "server.cli", "load", *online, *sys.argv[2:]])
    console = Console(stderr=True)
    target = settings.uri + (f" (database {settings.database})" if settings.database else "")
    progress = make_progress(console)
    try:
        with open_sync_driver(settings) as driver, RejectsFile(args.rejects) as rejects:
            if args.after_import is not None:
                from loaders.bulk.run import finish_import

                if finish_import(driver, args.after_import):
                    progress.message(f"finished the import prepared in {args.after_import}")
            report = load_dumps(
                driver,
                args.paths,
                rejects=rejects,
                progress=progress,
                database=settings.database,
                related=related_settings(args),
                target=target,
            )
    except (LoadLockedError, LoadLockLostError) as exc:
        print(f"papers-graph: error: {exc}", file=sys.stderr)
        return 1
    finally:
        progress.close()
    print_summary(report, Console(width=None if console.is_terminal else 120))
    return 0 if report.ok else 1


def _bulk_by_default(args: argparse.Namespace, settings: Neo4jSettings) -> bool:
    """Choose the path when none was forced, and say which and why (issue 15)."""
    if args.csv_only is not None or args.after_import is not None:
        return False  # they name a path of their own
    from loaders.bulk.choose import choose_path

    local = args.data_dir.resolve() if args.data_dir else data_dir()
    choice = choose_path(settings, local, args.paths)
    print(f"papers-graph: {choice.describe()} (--bulk / --online to force)", file=sys.stderr)
    return choice.bulk


def print_summary(report: LoadReport, console: Console) -> None:
    table = Table(title="Load summary")
    numbers = {"read", "loaded", "rejected", "seconds", "peak MB"}
    for column in ("file", "dump", "read", "loaded", "rejected", "seconds", "peak MB", "status"):
        table.add_column(column, justify="right" if column in numbers else "left")
    for f in report.files:
        table.add_row(
            f.path.name,
            f.kind.value,
            f"{f.read:,}",
            f"{f.loaded:,}",
            f"{f.rejected:,}" + (f" (+{f.rejected_parts:,} parts)" if f.rejected_parts else ""),
            f"{f.seconds:,.1f}",
            format_mb(f.peak_rss_mb),
            "ok" if f.error is None else "[red]failed[/red]",
        )
    for phase in report.phases:
        table.add_row(
            phase.name,
            "(whole graph)",
            "",
            f"{phase.processed:,}",
            "",
            f"{phase.seconds:,.1f}",
            format_mb(phase.peak_rss_mb),
            "ok",
        )
    console.print(table)
    for phase in report.phases:
        if phase.detail:
            console.print(f"{phase.name}: {phase.detail}", soft_wrap=True)
    allocator = " (Python's objects in glibc's malloc)" if objects_in_system_allocator() else ""
    console.print(f"peak RSS of the loader: {run_peak_rss_mb():,.0f} MB{allocator}")
    c = report.counts
    console.print(
        f"nodes created {c.nodes_created:,}, deleted {c.nodes_deleted:,}; "
        f"relationships created {c.relationships_created:,}, deleted {c.relationships_deleted:,}; "
        f"properties set {c.properties_set:,}"
    )
    if report.skipped:
        console.print(
            f"skipped, not dumps: {', '.join(p.name for p in report.skipped)}", soft_wrap=True
        )
    if report.rejects_path:
        console.print(f"rejected records written to {report.rejects_path}", soft_wrap=True)
    for f in report.files:
        if f.error:
            committed = (
                f"{f.loaded:,} of its records {'was' if f.loaded == 1 else 'were'} committed "
                "(those read before the failure)"
                if f.loaded
                else "none of its records were committed"
            )
            console.print(
                f"[red]error:[/red] {f.error}. {committed}; fix the file and run the same "
                "command again to complete the load.",
                soft_wrap=True,
            )
