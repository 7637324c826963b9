"""The load pipeline: for each dump file, read → validate → write in batches.

One place decides what happens on bad input: a bad record is written to the
rejects file and the rest of its file loads (so is a later record of a paper
already read from the same file: the first record wins); a file that cannot
be read to its end keeps what was committed before the failure, is reported
with how far it got, and the other files still load (the command then exits
non-zero).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver

from graphdb.model import ensure_schema
from loaders.dumps import DumpKind, select_dump_files
from loaders.lock import hold_load_lock
from loaders.memory import limit_malloc_arenas, peak_rss_mb, release_free_memory, reset_peak_rss
from loaders.phases import PhaseReport, run_phases
from loaders.progress import LoadProgress
from loaders.rejects import RejectsFile
from loaders.related import RelatedSettings
from loaders.sources import DumpReader, DumpReadError
from loaders.validate.code_links import code_link_row
from loaders.validate.datasets import dataset_row
from loaders.validate.evaluation import EvaluationTablesParser
from loaders.validate.fields import Reject
from loaders.validate.methods import method_row
from loaders.validate.papers import duplicate_paper, paper_key, paper_row
from loaders.write.code_links import write_code_links
from loaders.write.datasets import write_datasets
from loaders.write.evaluation import write_evaluation
from loaders.write.methods import write_methods
from loaders.write.papers import write_papers
from loaders.write.sink import BatchSink, WriteCounts, WriteFn

Row = dict[str, Any]
RejectPart = Callable[[str, Any], None]
# Rows for one record; raises Reject for an unusable record, and reports
# unusable parts of a usable record (a bad leaderboard row) through RejectPart.
Parser = Callable[[Any, RejectPart], Iterable[Row]]


@dataclass(frozen=True)
class Unique:
    """Records of one file that must not share a key: the first wins, later ones are rejected.

    Without it the later record would overwrite the first without a word.
    """

    key: Callable[[Row], str]  # of the record's first row
    reason: Callable[[Row, int], str]  # the rejection, given the first record's index


@dataclass(frozen=True)
class DumpHandler:
    """How one kind of dump becomes graph writes."""

    parse: Parser
    write: WriteFn
    batch_size: int  # rows per transaction
    unique: Unique | None = None


def _one(parse: Callable[[Any], Row]) -> Parser:
    return lambda record, _reject_part: (parse(record),)


def handlers() -> dict[DumpKind, DumpHandler]:
    """Fresh handlers for one load (the evaluation-tables parser keeps state across files)."""
    return {
        DumpKind.PAPERS: DumpHandler(
            _one(paper_row),
            write_papers,
            batch_size=2_000,
            unique=Unique(paper_key, duplicate_paper),
        ),
        DumpKind.METHODS: DumpHandler(_one(method_row), write_methods, batch_size=1_000),
        DumpKind.DATASETS: DumpHandler(_one(dataset_row), write_datasets, batch_size=1_000),
        DumpKind.EVALUATION_TABLES: DumpHandler(
            EvaluationTablesParser(), write_evaluation, batch_size=200
        ),
        DumpKind.CODE_LINKS: DumpHandler(_one(code_link_row), write_code_links, batch_size=5_000),
    }


@dataclass
class FileReport:
    path: Path
    kind: DumpKind
    read: int = 0
    loaded: int = 0
    rejected: int = 0
    rejected_parts: int = 0  # bad parts of loaded records (e.g. a malformed leaderboard row)
    seconds: float = 0.0
    peak_rss_mb: float | None = None  # the loader's, while it read and wrote this file
    error: str | None = None
    counts: WriteCounts = field(default_factory=WriteCounts)


@dataclass
class LoadReport:
    files: list[FileReport] = field(default_factory=list)
    phases: list[PhaseReport] = field(default_factory=list)
    counts: WriteCounts = field(default_factory=WriteCounts)
    rejects_path: Path | None = None
    skipped: list[Path] = field(default_factory=list)  # files in the folders that are not dumps

    @property
    def ok(self) -> bool:
        return all(f.error is None for f in self.files)


def load_dumps(
    driver: Driver,
    paths: Sequence[Path],
    *,
    rejects: RejectsFile,
    progress: LoadProgress,
    database: str | None = None,
    related: RelatedSettings | None = None,
    target: str | None = None,
) -> LoadReport:
    """Load the given dump files and folders, then the whole-graph steps (joins, related links).

    Raises UnknownDumpError before writing anything when a path is not a dump,
    and LoadLockedError when another load into the same database is running
    (`target` names the database in that message).
    """
    selection = select_dump_files(paths)
    files = selection.files
    report = LoadReport(skipped=selection.skipped)
    limit_malloc_arenas()  # before the lock's heartbeat and the writer threads start
    with hold_load_lock(
        driver, database, [path for path, _ in files], target=target or "this database"
    ) as lock:
        if lock.took_over is not None:
            progress.message(
                f"took over the load lock of a load that is gone ({lock.took_over.describe()}); "
                "this load completes what it left undone"
            )
        ensure_schema(driver, database)
        by_kind = handlers()
        for path, kind in files:
            lock.check()
            file_report = _load_file(driver, path, kind, by_kind[kind], rejects, progress, database)
            report.files.append(file_report)
            report.counts.merge(file_report.counts)
            release_free_memory()
        lock.check()
        report.phases = run_phases(
            driver, database, progress, report.counts, related or RelatedSettings()
        )
    if rejects.count:
        report.rejects_path = rejects.path
    return report


def parsed_batches(
    reader: DumpReader,
    handler: DumpHandler,
    rejects: RejectsFile,
    report: FileReport,
) -> Iterator[tuple[list[Row], int]]:
    """The file's accepted rows in write batches, with the number of records in each.

    Bad records and parts go to the rejects file (counted in `report`); a later record
    with the key of an earlier one is rejected. Raises DumpReadError where reading stops
    (the batches yielded before it hold every record read whole). Shared by the online
    and the bulk load, so that both read, validate and batch alike.
    """
    path = report.path
    batch: list[Row] = []
    records_in_batch = 0
    first_of_key: dict[str, int] = {}  # with handler.unique: key -> index of its first record

    def reject_part(index: int) -> RejectPart:
        def reject(reason: str, fragment: Any) -> None:
            rejects.write(path, index, reason, fragment)
            report.rejected_parts += 1

        return reject

    try:
        for index, record in reader:
            report.read += 1
            try:
                rows = list(handler.parse(record, reject_part(index)))
            except Reject as reject:
                rejects.write(path, index, str(reject), record)
                report.rejected += 1
                continue
            if handler.unique is not None and rows:
                key = handler.unique.key(rows[0])
                first = first_of_key.setdefault(key, index)
                if first != index:
                    rejects.write(path, index, handler.unique.reason(rows[0], first), record)
                    report.rejected += 1
                    continue
            batch.extend(rows)
            records_in_batch += 1
            if len(batch) >= handler.batch_size:
                full, records = batch, records_in_batch
                batch, records_in_batch = [], 0
                yield full, records
    except DumpReadError:
        if batch:  # the records read whole before the failure still load
            yield batch, records_in_batch
        raise
    if batch:
        yield batch, records_in_batch


def _load_file(
    driver: Driver,
    path: Path,
    kind: DumpKind,
    handler: DumpHandler,
    rejects: RejectsFile,
    progress: LoadProgress,
    database: str | None,
) -> FileReport:
    report = FileReport(path=path, kind=kind)
    reader = DumpReader(path)
    sink = BatchSink(driver, database, counts=report.counts)
    started = time.monotonic()
    reset_peak_rss()
    progress.start_file(path.name, reader.bytes_total)

    def committed(records: int) -> Callable[[int], None]:
        def done(_rows: int) -> None:
            report.loaded += records  # counted once its transaction has committed

        return done

    try:
        try:
            for batch, records in parsed_batches(reader, handler, rejects, report):
                sink.submit(handler.write, batch, committed(records))
                progress.update(report.read, reader.bytes_done)
        except DumpReadError as exc:
            report.error = str(exc)  # the records read whole before it still load
    finally:
        try:
            sink.close()  # waits for every batch submitted to commit
        finally:
            report.seconds = time.monotonic() - started
            report.peak_rss_mb = peak_rss_mb()
            progress.update(report.read, reader.bytes_done)
            progress.finish_file()
    if report.error:
        progress.message(f"[red]error:[/red] {report.error}")
    return report
