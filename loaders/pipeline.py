"""The load pipeline: for each dump file, read → validate → write in batches.

One place decides what happens on bad input: a bad record is written to the
rejects file and the rest of its file loads; a file that cannot be read to its
end keeps what was committed before the failure, is reported with how far it
got, and the other files still load (the command then exits non-zero).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver

from graphdb.model import ensure_schema
from loaders.dumps import DumpKind, collect_dump_files
from loaders.progress import LoadProgress
from loaders.rejects import RejectsFile
from loaders.sources import DumpReader, DumpReadError
from loaders.validate.fields import Reject
from loaders.validate.papers import paper_row
from loaders.write.papers import write_papers
from loaders.write.sink import BatchSink, WriteCounts, WriteFn

Row = dict[str, Any]


@dataclass(frozen=True)
class DumpHandler:
    """How one kind of dump becomes graph writes."""

    parse: Callable[[Any], Iterable[Row]]  # raises Reject for an unusable record
    write: WriteFn
    batch_size: int


def _one(parse: Callable[[Any], Row]) -> Callable[[Any], Iterable[Row]]:
    return lambda record: (parse(record),)


HANDLERS: dict[DumpKind, DumpHandler] = {
    DumpKind.PAPERS: DumpHandler(_one(paper_row), write_papers, batch_size=2_000),
}


@dataclass
class FileReport:
    path: Path
    kind: DumpKind
    read: int = 0
    loaded: int = 0
    rejected: int = 0
    seconds: float = 0.0
    error: str | None = None
    counts: WriteCounts = field(default_factory=WriteCounts)


@dataclass
class LoadReport:
    files: list[FileReport] = field(default_factory=list)
    counts: WriteCounts = field(default_factory=WriteCounts)
    rejects_path: Path | None = None

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
) -> LoadReport:
    """Load the given dump files and folders; raises UnknownDumpError before writing anything."""
    files = collect_dump_files(paths)
    ensure_schema(driver, database)
    report = LoadReport()
    for path, kind in files:
        handler = HANDLERS.get(kind)
        if handler is None:
            progress.message(f"{path}: {kind.value} is not loaded by this version; skipped")
            continue
        file_report = _load_file(driver, path, kind, handler, rejects, progress, database)
        report.files.append(file_report)
        report.counts.merge(file_report.counts)
    if rejects.count:
        report.rejects_path = rejects.path
    return report


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
    progress.start_file(path.name, reader.bytes_total)
    batch: list[Row] = []
    records_in_batch = 0

    def committed(records: int) -> Callable[[int], None]:
        def done(_rows: int) -> None:
            report.loaded += records  # counted once its transaction has committed

        return done

    try:
        for index, record in reader:
            report.read += 1
            try:
                rows = list(handler.parse(record))
            except Reject as reject:
                rejects.write(path, index, str(reject), record)
                report.rejected += 1
                continue
            batch.extend(rows)
            records_in_batch += 1
            if len(batch) >= handler.batch_size:
                sink.submit(handler.write, batch, committed(records_in_batch))
                batch, records_in_batch = [], 0
                progress.update(report.read, reader.bytes_done)
        if batch:
            sink.submit(handler.write, batch, committed(records_in_batch))
    except DumpReadError as exc:
        report.error = str(exc)
    finally:
        try:
            sink.close()  # commits what was read before any failure
        finally:
            report.seconds = time.monotonic() - started
            progress.update(report.read, reader.bytes_done)
            progress.finish_file()
    if report.error:
        progress.message(f"[red]error:[/red] {report.error}")
    return report
