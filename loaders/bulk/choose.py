"""Which path `papers-graph load` takes when neither --bulk nor --online is given (issue 15).

The offline importer only makes a new database and rewrites the store files of the local
Neo4j while it is stopped, so it is chosen only for an empty, running, local database;
everything else loads online, and so do small archives: stopping Neo4j, the importer's JVM
and the index builds cost about a minute whatever the size (71 s for the demo archive), where
at 100,000 papers it was 1.37x faster than online (397 s against 546 s). Each decision carries a
one-line reason for the user.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from neo4j.exceptions import DriverError, Neo4jError

from graphdb.driver import open_sync_driver
from graphdb.local.process import status
from graphdb.settings import Neo4jSettings
from loaders.bulk.run import COUNT_NODES, BulkRefused, imports_into, local_config

# Dumps smaller than this on disk (about 20,000 papers gzipped) load online by default.
BULK_MIN_BYTES_SETTING = "PAPERS_GRAPH_BULK_MIN_BYTES"
DEFAULT_BULK_MIN_BYTES = 4_000_000


def bulk_min_bytes(env: Mapping[str, str] | None = None) -> int:
    """The archive size from which `load` chooses the bulk path by itself."""
    raw = (os.environ if env is None else env).get(BULK_MIN_BYTES_SETTING, "")
    try:
        return int(raw) if raw.strip() else DEFAULT_BULK_MIN_BYTES
    except ValueError:
        raise SystemExit(
            f"papers-graph: error: {BULK_MIN_BYTES_SETTING} must be a number of bytes, not {raw!r}"
        ) from None


def archive_bytes(paths: Iterable[Path]) -> int:
    """The size on disk of the files named, and of the files in the folders named."""
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        elif path.is_file():
            total += path.stat().st_size
    return total


@dataclass(frozen=True)
class PathChoice:
    bulk: bool
    reason: str

    def describe(self) -> str:
        return f"{'bulk' if self.bulk else 'online'} load: {self.reason}"


def choose_path(settings: Neo4jSettings, data_dir: Path, paths: Iterable[Path]) -> PathChoice:
    """Bulk when `settings` point at the running local Neo4j of `data_dir`, it holds no nodes
    (the load lock aside) and the dumps are not small; online otherwise, saying why."""
    try:
        config = local_config(settings, data_dir)
    except BulkRefused:
        if not imports_into(settings):
            return PathChoice(False, f"the target database is {settings.database!r}, not `neo4j`")
        return PathChoice(False, f"the target {settings.uri} is not the local Neo4j in {data_dir}")
    if not status(config).running:
        return PathChoice(False, f"the local Neo4j in {data_dir} is not running")
    try:
        with open_sync_driver(settings) as driver:
            found = int(driver.execute_query(COUNT_NODES).records[0]["n"])
    except (Neo4jError, DriverError, OSError) as exc:  # the online path will report it in full
        return PathChoice(False, f"could not count the nodes of {settings.uri} ({exc})")
    if found:
        return PathChoice(False, f"the database holds {found:,} node{'s' if found != 1 else ''}")
    size, least = archive_bytes(paths), bulk_min_bytes()
    if size < least:
        return PathChoice(
            False,
            f"the dumps are small ({size / 1e6:,.1f} MB, under {BULK_MIN_BYTES_SETTING}="
            f"{least:,}): online is quicker than stopping Neo4j for the importer",
        )
    return PathChoice(True, f"the local Neo4j in {data_dir} is empty")
