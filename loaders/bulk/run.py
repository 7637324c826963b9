"""`papers-graph load --bulk`: a first load through the offline importer, into the local Neo4j.

1. under the load lock (loaders/lock.py), refuse unless the database is empty;
2. read and validate every dump with the online loader's parsers, rules and rejects file
   (loaders/pipeline.py: parsed_batches); a file that cannot be read to its end stops the
   run here, before anything is imported, naming the file and how far it got;
3. build the graph in memory with the writers' rules (graph.py), the whole-graph steps and
   the paper-feature graph (derive.py), and write it as the importer's CSV (csv.py) while
   processes of their own score the related links from the saved feature graph (scoring.py);
4. stop Neo4j, import into a staging store, swap it in (graphdb/local/admin.py), start Neo4j;
   the lock node is imported with the rest, so the lock is held across the restart;
5. online: the constraints (online as they are made) and the indexes (populating in the
   background from here), and the empty lists the importer cannot write; the load ends
   when every index is online. The online loader's whole-graph steps
   (loaders/phases.py) are not run: the bulk graph already holds what they derive, the very
   graph an online load makes (tests/test_bulk_load.py compares full exports).

A run killed before the swap leaves the database as it was (empty, Neo4j possibly stopped):
run it again. Later loads are online and incremental, as after any load.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import orjson
from neo4j import Driver

from graphdb.driver import open_sync_driver
from graphdb.local.admin import (
    discard_staging,
    recover_swap,
    run_import,
    swap_in,
)
from graphdb.local.process import LocalNeo4jConfig, last_launch, start, status, stop
from graphdb.model import await_indexes, ensure_schema
from graphdb.settings import Neo4jSettings
from loaders.bulk.csv import CsvWriter, write_graph
from loaders.bulk.derive import derive, paper_feature_graph
from loaders.bulk.graph import BulkGraph, PaperSpool
from loaders.bulk.scoring import (
    SCORING_PROCESSES,
    SCORING_THREADS,
    finish_scorer,
    start_scorer,
)
from loaders.dumps import DumpKind, DumpSelection, select_dump_files
from loaders.lock import LOCK_CONSTRAINT, LOCK_NAME, hold_load_lock
from loaders.memory import (
    limit_malloc_arenas,
    peak_rss_mb,
    release_free_memory,
    reset_peak_rss,
)
from loaders.phases import mark_links_dated
from loaders.pipeline import DumpHandler, FileReport, handlers, parsed_batches
from loaders.progress import LoadProgress
from loaders.rejects import RejectsFile
from loaders.related import RelatedSettings
from loaders.sources import DumpReader, DumpReadError

# How long the imported lock's heartbeat counts as fresh: the import and the restart run
# without heartbeats; once Neo4j is back the lock's own thread refreshes it every few seconds.
IMPORT_HEARTBEAT_GRACE: Final = dt.timedelta(minutes=10)

EMPTY_LISTS: Final = {
    "Author": "UNWIND $rows AS row MATCH (n:Author {name: row.key}) SET n += row.props",
    "Area": "UNWIND $rows AS row MATCH (n:Area {name: row.key}) SET n += row.props",
    "Dataset": "UNWIND $rows AS row MATCH (n:Dataset {name: row.key}) SET n += row.props",
    "Result": "UNWIND $rows AS row MATCH (n:Result {key: row.key}) SET n += row.props",
    "Task": "UNWIND $rows AS row MATCH (n:Task {name: row.key}) SET n += row.props",
    "Method": "UNWIND $rows AS row MATCH (n:Method {name: row.key}) SET n += row.props",
}
COUNT_NODES: Final = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes } "
    "CALL () { MATCH (l:LoadLock) RETURN count(l) AS locks } RETURN nodes - locks AS n"
)
READ_LOCK: Final = (
    "MATCH (l:LoadLock {name: $name}) RETURN properties(l) AS props, datetime() AS now"
)


class BulkRefused(RuntimeError):
    """The bulk path does not apply here (not local, not empty); nothing was changed."""


class BulkInputError(RuntimeError):
    """A dump could not be read to its end; nothing was imported."""


@dataclass
class Step:
    """A step of the bulk load, as its report shows it."""

    name: str
    seconds: float
    detail: str = ""
    peak_rss_mb: float | None = None  # this process's (not the importer's, nor the scorers')


@dataclass
class BulkReport:
    files: list[FileReport] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0
    rejects_path: Path | None = None
    skipped: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.error is None for f in self.files)


# a step of the report, as `with step(name) as detail:`
Stepper = Callable[[str], AbstractContextManager[list[str]]]


@contextmanager
def _timed_step(report: BulkReport, progress: LoadProgress, name: str) -> Iterator[list[str]]:
    """A step of the report: announced, timed, its peak RSS, with the detail its body appends."""
    started = time.monotonic()
    reset_peak_rss()
    progress.message(f"{name} ...")
    detail: list[str] = []
    yield detail
    report.steps.append(Step(name, time.monotonic() - started, " ".join(detail), peak_rss_mb()))


def _steps(report: BulkReport, progress: LoadProgress) -> Stepper:
    return lambda name: _timed_step(report, progress, name)


def imports_into(settings: Neo4jSettings) -> bool:
    """Whether `settings` name the database the importer writes: the default one, `neo4j`."""
    return settings.database in (None, "neo4j")


def local_config(settings: Neo4jSettings, data_dir: Path) -> LocalNeo4jConfig:
    """The local Neo4j that `settings` point at, to restart with the options it ran with;
    raises BulkRefused when they point elsewhere."""
    if not imports_into(settings):
        raise BulkRefused(
            f"the bulk load imports into the default database `neo4j`, not {settings.database!r}"
        )
    launch = last_launch(data_dir)
    address = settings.uri.split("://", 1)[-1].rstrip("/")
    if launch is None or address.replace("localhost", "127.0.0.1") != launch[1]:
        where = (
            f"the one last started in {data_dir}" if launch else f"none was started in {data_dir}"
        )
        raise BulkRefused(
            f"{settings.uri} is not the local Neo4j of `papers-graph db start` ({where}): the "
            "offline importer writes the store files of a local database while it is stopped. "
            "Load a remote or Docker database with `papers-graph load` (online), or in Docker with "
            "the compose file's import service; set PAPERS_GRAPH_DATA_DIR to the local one's folder."
        )
    return launch[0]


def bulk_load(
    driver: Driver,
    paths: Sequence[Path],
    *,
    settings: Neo4jSettings,
    config: LocalNeo4jConfig,
    rejects: RejectsFile,
    progress: LoadProgress,
    related: RelatedSettings | None = None,
    target: str = "this database",
) -> BulkReport:
    """The whole bulk load (see the module doc); raises BulkRefused or BulkInputError before
    anything is imported."""
    related = related or RelatedSettings()
    limit_malloc_arenas()  # before the lock's heartbeat thread starts
    selection = select_dump_files(paths)
    report = BulkReport(skipped=selection.skipped)
    discard_staging(config)
    recover_swap(config)
    if not status(config).running:
        progress.message(f"starting the local Neo4j in {config.data_dir} ...")
        start(config, quiet=True)
    work = config.root / "bulk"

    step = _steps(report, progress)

    with hold_load_lock(driver, None, [p for p, _ in selection.files], target=target) as lock:
        if lock.took_over is not None:
            progress.message(f"took over the load lock of a load that is gone "
                             f"({lock.took_over.describe()})")  # fmt: skip
        found = int(driver.execute_query(COUNT_NODES).records[0]["n"])
        if found:
            raise BulkRefused(
                f"{target} is not empty ({found:,} nodes): the offline importer only makes a new "
                "database. Load into it with `papers-graph load` (online, incremental), or empty it "
                "first (stop Neo4j and remove its data folder)."
            )
        csv = build_import_files(selection, work, rejects, progress, related, report, step,
                                 lock.check)  # fmt: skip
        lock.check()
        _lock_node(driver, csv)
        with lock.paused():
            stop(config)
            with step("import"):
                run_import(config, csv.files.arguments(), work / "import.log")
            swap_in(config)
            with step("start Neo4j"):
                start(config, quiet=True)
        report.nodes, report.relationships = csv.files.node_count, csv.files.relationship_count
        # a driver of its own for the new store: the old one's bookmarks name transactions
        # of the store that was replaced
        with open_sync_driver(settings) as fresh:
            with step("constraints"):
                _schema(fresh, wait=False)
            with step("empty lists") as detail:
                detail.append(_empty_lists(fresh, csv.files.empty_lists))
            lock.check()
            with step("indexes"):
                await_indexes(fresh)
    shutil.rmtree(work, ignore_errors=True)
    if rejects.count:
        report.rejects_path = rejects.path
    return report


def build_import_files(
    selection: DumpSelection,
    work: Path,
    rejects: RejectsFile,
    progress: LoadProgress,
    related: RelatedSettings,
    report: BulkReport,
    step: Stepper,
    check: Callable[[], None] = lambda: None,
) -> CsvWriter:
    """Steps 2 and 3 of the module doc: the importer's files in work/csv."""
    work.mkdir(parents=True, exist_ok=True)
    graph = BulkGraph(PaperSpool(work / "papers.spool"))
    started = time.monotonic()
    by_kind = handlers()  # one evaluation-tables parser for the load: it remembers tables
    try:
        for path, kind in selection.files:
            report.files.append(_read_file(graph, path, kind, by_kind[kind], rejects, progress))
    finally:
        graph.spool.close()
    peaks = [f.peak_rss_mb for f in report.files if f.peak_rss_mb is not None]
    report.steps.append(Step("read and validate", time.monotonic() - started, "",
                             max(peaks, default=None)))  # fmt: skip
    failed = [f for f in report.files if f.error]
    if failed:
        raise BulkInputError(
            "; ".join(f.error or "" for f in failed)
            + ". Nothing was imported: fix the file and run the same command again."
        )
    check()

    with step("whole-graph steps"):
        derived = derive(graph, related.coauthors_from)
        graph.drop_lookups()
        release_free_memory()
    parts = SCORING_PROCESSES
    with step("paper-feature graph") as detail:
        features = paper_feature_graph(graph, derived, related)
        detail.append(f"{len(features.paper_features):,} links of {len(features.paper_ids):,} "
                      f"papers to {len(features.feature_ids):,} features")  # fmt: skip
        features.save(work / "features")
        del features
        release_free_memory()
    # the scorers (loaders/bulk/scoring.py) run while this process writes the rest
    scorers = [start_scorer(work / "features", work / "csv", part, parts, related.k)
               for part in range(parts)]  # fmt: skip
    try:
        with step("CSV and related links") as detail:
            started = time.monotonic()
            csv, _first = write_graph(graph, derived, work / "csv")
            written = time.monotonic() - started
            del graph, derived
            release_free_memory()
            scored = [finish_scorer(scorer, csv, work / "csv", part)
                      for part, scorer in enumerate(scorers)]  # fmt: skip
            # which of the two the step waited for: the CSV of the rest or the scorers
            detail.append(f"{csv.files.node_count:,} nodes, "
                          f"{csv.files.relationship_count:,} relationships "
                          f"({sum(n for n, _ in scored):,} RELATED_TO, scored by "
                          f"{_count(parts, 'process', 'processes')} of "
                          f"{_count(SCORING_THREADS, 'thread', 'threads')}, peak RSS "
                          f"{max(r for _, r in scored):,.0f} MB); "
                          f"the rest written in {written:.1f} s, the scorers done in "
                          f"{time.monotonic() - started:.1f} s")  # fmt: skip
    finally:
        for scorer in scorers:
            if scorer.poll() is None:
                scorer.kill()
                scorer.wait()
    shutil.rmtree(work / "features", ignore_errors=True)
    return csv


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


_WRITERS: Final = {
    DumpKind.PAPERS: "write_papers",
    DumpKind.METHODS: "write_methods",
    DumpKind.DATASETS: "write_datasets",
    DumpKind.EVALUATION_TABLES: "write_evaluation",
    DumpKind.CODE_LINKS: "write_code_links",
}


def _read_file(
    graph: BulkGraph,
    path: Path,
    kind: DumpKind,
    handler: DumpHandler,
    rejects: RejectsFile,
    progress: LoadProgress,
) -> FileReport:
    report = FileReport(path=path, kind=kind)
    reader = DumpReader(path)
    write = getattr(graph, _WRITERS[kind])
    started = time.monotonic()
    reset_peak_rss()
    progress.start_file(path.name, reader.bytes_total)
    try:
        for batch, records in parsed_batches(reader, handler, rejects, report):
            write(batch)
            report.loaded += records
            progress.update(report.read, reader.bytes_done)
    except DumpReadError as exc:
        report.error = str(exc)
    report.seconds = time.monotonic() - started
    report.peak_rss_mb = peak_rss_mb()
    progress.update(report.read, reader.bytes_done)
    progress.finish_file()
    return report


def _lock_node(driver: Driver, csv: CsvWriter) -> None:
    """The load lock as it is now, imported with the graph so that it is held after the restart."""
    record = driver.execute_query(READ_LOCK, name=LOCK_NAME, bookmark_manager_=None).records[0]
    props = dict(record["props"])
    now = record["now"].to_native()
    props["started"] = props["started"].to_native()
    props["heartbeat"] = now + IMPORT_HEARTBEAT_GRACE
    props.pop("name", None)
    csv.keyed_nodes("LoadLock", "name", 1 << 50, [(LOCK_NAME, props)])


def _schema(driver: Driver, *, wait: bool = True) -> str:
    """The schema of an imported graph, and its mark that every task, method and author link
    has its paper's date (the importer wrote them: loaders/bulk/csv.py), so the online steps
    need not look for undated ones."""
    driver.execute_query(LOCK_CONSTRAINT)
    ensure_schema(driver, None, wait=wait)
    mark_links_dated(driver)
    return ""


def _empty_lists(driver: Driver, empty: list[tuple[str, str, str, dict[str, Any]]]) -> str:
    by_node: dict[tuple[str, str], dict[str, Any]] = {}
    for label, _key_prop, key, props in empty:
        by_node.setdefault((label, key), {}).update(props)
    rows: dict[str, list[dict[str, Any]]] = {}
    for (label, key), props in by_node.items():
        rows.setdefault(label, []).append({"key": key, "props": props})
    for label, label_rows in rows.items():
        if label not in EMPTY_LISTS:
            raise TypeError(f"no query sets the empty lists of {label}")
        for start_at in range(0, len(label_rows), 10_000):
            driver.execute_query(EMPTY_LISTS[label], rows=label_rows[start_at : start_at + 10_000])
    return f"{len(by_node):,} nodes"


def prepare_import(
    paths: Sequence[Path],
    out: Path,
    *,
    rejects: RejectsFile,
    progress: LoadProgress,
    related: RelatedSettings | None = None,
    store: Path | None = None,
) -> BulkReport | None:
    """For Docker's import service: the importer's files and arguments in `out`, for
    `neo4j-admin database import full @out/import.args neo4j` in the Neo4j image; None (and no
    arguments file) when `store`, the Neo4j data volume, already holds the database."""
    args_file = out / "import.args"
    args_file.unlink(missing_ok=True)
    if store is not None and (store / "databases" / "neo4j").exists():
        progress.message(f"{store} already holds a database: nothing to import")
        return None
    limit_malloc_arenas()
    selection = select_dump_files(paths)
    report = BulkReport(skipped=selection.skipped)
    shutil.rmtree(out / "csv", ignore_errors=True)

    step = _steps(report, progress)

    csv = build_import_files(selection, out, rejects, progress, related or RelatedSettings(),
                             report, step)  # fmt: skip
    (out / AFTER_IMPORT).write_bytes(orjson.dumps(csv.files.empty_lists))
    args_file.write_text("\n".join(csv.files.arguments()) + "\n", encoding="utf-8")
    (out / "papers.spool").unlink(missing_ok=True)
    report.nodes, report.relationships = csv.files.node_count, csv.files.relationship_count
    return report


AFTER_IMPORT: Final = "after-import.json"


def finish_import(driver: Driver, folder: Path) -> bool:
    """After Docker's import service, once Neo4j runs: the schema and the empty lists the
    importer cannot write (once: the file is renamed); False when there is nothing to do."""
    pending = folder / AFTER_IMPORT
    if not pending.exists():
        return False
    _schema(driver)
    empty = [tuple(item) for item in orjson.loads(pending.read_bytes())]
    _empty_lists(driver, empty)
    pending.rename(pending.with_suffix(".done"))
    return True
