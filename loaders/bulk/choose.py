"""Which path `papers-graph load` takes when neither --bulk nor --online is given (issue 15).

The offline importer only makes a new database and rewrites the store files of the local
Neo4j while it is stopped, so it is chosen only for an empty, running, local database;
everything else loads online. Each decision carries a one-line reason for the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from neo4j.exceptions import DriverError, Neo4jError

from graphdb.driver import open_sync_driver
from graphdb.local.process import status
from graphdb.settings import Neo4jSettings
from loaders.bulk.run import COUNT_NODES, BulkRefused, local_config


@dataclass(frozen=True)
class PathChoice:
    bulk: bool
    reason: str

    def describe(self) -> str:
        return f"{'bulk' if self.bulk else 'online'} load: {self.reason}"


def choose_path(settings: Neo4jSettings, data_dir: Path) -> PathChoice:
    """Bulk when `settings` point at the running local Neo4j of `data_dir` and it holds no
    nodes (the load lock aside); online otherwise, saying why."""
    try:
        config = local_config(settings, data_dir)
    except BulkRefused:
        return PathChoice(False, f"the target {settings.uri} is not the local Neo4j in {data_dir}")
    if not status(config).running:
        return PathChoice(False, f"the local Neo4j in {data_dir} is not running")
    try:
        with open_sync_driver(settings) as driver:
            found = int(driver.execute_query(COUNT_NODES).records[0]["n"])
    except (Neo4jError, DriverError, OSError) as exc:  # the online path will report it in full
        return PathChoice(False, f"could not count the nodes of {settings.uri} ({exc})")
    if found:
        return PathChoice(False, f"the database holds {found:,} nodes")
    return PathChoice(True, f"the local Neo4j in {data_dir} is empty")
