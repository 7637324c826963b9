"""Write batches of rows to Neo4j, one managed transaction per batch, overlapped with parsing.

Parsing is Python work and writing is Neo4j work, so a single background
thread runs the transactions while the caller parses the next batch (the
driver releases the GIL while it waits on the socket). At most `depth`
batches wait in the queue, which bounds memory. Each batch commits on its
own and every write is a MERGE, so a run killed at any point can simply be
run again.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the bulk path's scorers do without the driver
    from neo4j import Driver, ManagedTransaction, SummaryCounters

WriteFn = Callable[["ManagedTransaction", list[dict[str, Any]]], list["SummaryCounters"]]


@dataclass
class WriteCounts:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def add(self, counters: SummaryCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set

    def merge(self, other: WriteCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Job:
    write: WriteFn
    rows: list[dict[str, Any]]
    on_done: Callable[[int], None] | None = None


_STOP = object()


@dataclass
class BatchSink:
    """Runs write functions over batches in a background thread; `close()` waits for all of them."""

    driver: Driver
    database: str | None = None
    depth: int = 2
    counts: WriteCounts = field(default_factory=WriteCounts)

    def __post_init__(self) -> None:
        self._queue: queue.Queue[object] = queue.Queue(maxsize=self.depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="neo4j-writer", daemon=True)
        self._thread.start()

    def submit(
        self,
        write: WriteFn,
        rows: list[dict[str, Any]],
        on_done: Callable[[int], None] | None = None,
    ) -> None:
        """Queue one batch; blocks while the queue is full. Re-raises a failed earlier batch."""
        self._raise_if_failed()
        self._queue.put(_Job(write, rows, on_done))

    def flush(self) -> None:
        """Wait until every queued batch is committed."""
        self._queue.join()
        self._raise_if_failed()

    def close(self) -> None:
        self._queue.put(_STOP)
        self._thread.join()
        self._raise_if_failed()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        with self.driver.session(database=self.database) as session:
            while True:
                job = self._queue.get()
                try:
                    if job is _STOP:
                        return
                    assert isinstance(job, _Job)
                    if self._error is None:  # after a failure, drain without writing
                        counters = session.execute_write(job.write, job.rows)
                        for c in counters:
                            self.counts.add(c)
                        if job.on_done is not None:
                            job.on_done(len(job.rows))
                except BaseException as exc:  # handed to the submitting thread
                    self._error = exc
                finally:
                    self._queue.task_done()
