"""`papers-graph load --bulk`: the run and its summary."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.table import Table

from graphdb.driver import open_sync_driver
from graphdb.settings import Neo4jSettings, data_dir
from loaders.bulk.run import (
    BulkInputError,
    BulkRefused,
    BulkReport,
    bulk_load,
    local_config,
    prepare_import,
)
from loaders.cli import related_settings
from loaders.lock import LoadLockedError, LoadLockLostError
from loaders.memory import format_mb, run_peak_rss_mb
from loaders.progress import make_progress
from loaders.rejects import RejectsFile


def run_bulk(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    if args.csv_only is not None:
        return run_csv_only(args, console)
    settings = Neo4jSettings.from_env()
    try:
        config = local_config(settings, args.data_dir.resolve() if args.data_dir else data_dir())
    except BulkRefused as exc:
        print(f"papers-graph: error: {exc}", file=sys.stderr)
        return 1
    console.print(f"bulk load into the local Neo4j in {config.data_dir} (offline importer)")
    progress = make_progress(console)
    try:
        with open_sync_driver(settings) as driver, RejectsFile(args.rejects) as rejects:
            report = bulk_load(
                driver,
                args.paths,
                settings=settings,
                config=config,
                rejects=rejects,
                progress=progress,
                related=related_settings(args),
                target=settings.uri,
            )
    except (BulkRefused, BulkInputError, LoadLockedError, LoadLockLostError) as exc:
        print(f"papers-graph: error: {exc}", file=sys.stderr)
        return 1
    finally:
        progress.close()
    print_bulk_summary(report, Console(width=None if console.is_terminal else 120))
    return 0


def run_csv_only(args: argparse.Namespace, console: Console) -> int:
    progress = make_progress(console)
    try:
        with RejectsFile(args.rejects) as rejects:
            report = prepare_import(
                args.paths, args.csv_only, rejects=rejects, progress=progress,
                related=related_settings(args),
                store=args.unless_store,
            )  # fmt: skip
    except BulkInputError as exc:
        print(f"papers-graph: error: {exc}", file=sys.stderr)
        return 1
    finally:
        progress.close()
    if report is not None:
        print_bulk_summary(report, Console(width=None if console.is_terminal else 120))
        print(
            f"import with: neo4j-admin database import full @{args.csv_only / 'import.args'} neo4j"
        )
    return 0


def print_bulk_summary(report: BulkReport, console: Console) -> None:
    table = Table(title="Bulk load summary")
    numbers = {"read", "loaded", "rejected", "seconds", "peak MB"}
    for column in ("step", "read", "loaded", "rejected", "seconds", "peak MB", "detail"):
        table.add_column(column, justify="right" if column in numbers else "left")
    for f in report.files:
        rejected = f"{f.rejected:,}" + (
            f" (+{f.rejected_parts:,} parts)" if f.rejected_parts else ""
        )
        table.add_row(f.path.name, f"{f.read:,}", f"{f.loaded:,}", rejected,
                      f"{f.seconds:,.1f}", format_mb(f.peak_rss_mb), "")  # fmt: skip
    for step in report.steps:
        table.add_row(step.name, "", "", "", f"{step.seconds:,.1f}",
                      format_mb(step.peak_rss_mb), step.detail)  # fmt: skip
    console.print(table)
    console.print(f"imported {report.nodes:,} nodes and {report.relationships:,} relationships")
    console.print(f"peak RSS of the loader: {run_peak_rss_mb():,.0f} MB "
                  "(the importer's JVM aside)")  # fmt: skip
    if report.skipped:
        console.print(f"skipped, not dumps: {', '.join(p.name for p in report.skipped)}",
                      soft_wrap=True)  # fmt: skip
    if report.rejects_path:
        console.print(f"rejected records written to {report.rejects_path}", soft_wrap=True)
