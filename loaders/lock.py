"""One load at a time per database: a lock node in Neo4j that a killed load does not leave stuck.

`(:LoadLock {name: 'load'})` is unique (a constraint), so of two loads that
start together exactly one creates it; the other is refused, told who holds it.
It lives in the database rather than in a file, so it covers every client that
loads into that database, from any host.

The holder records its host, pid, paths and start, and refreshes `heartbeat`
every few seconds from a thread of its own. A lock is stale when its heartbeat
is older than `stale_after`, or at once when it was taken on this host by a
process that is gone (kill -9): the next load takes it over. What the dead load
left undone is finished by that next load (the work flags: see phases.py).
Times are the database's clock, so hosts with skewed clocks agree on the age.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, LiteralString

from neo4j import Driver
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from graphdb.local.process import pid_alive

LOCK_NAME: Final = "load"
HEARTBEAT_SECONDS: Final = 5.0
STALE_AFTER_SECONDS: Final = 60

LOCK_CONSTRAINT: Final = (
    "CREATE CONSTRAINT loadlock_name_unique IF NOT EXISTS FOR (l:LoadLock) REQUIRE l.name IS UNIQUE"
)

# Creates the lock if nobody holds it; returns whoever holds it now (this load or another).
ACQUIRE: Final = """
MERGE (l:LoadLock {name: $name})
  ON CREATE SET l += $holder, l.token = $token, l.started = datetime(), l.heartbeat = datetime()
RETURN l.token AS token, l.host AS host, l.pid AS pid, l.paths AS paths,
       toString(datetime.truncate('second', l.started)) AS started,
       duration.inSeconds(l.started, datetime()).seconds AS runningSeconds,
       duration.inSeconds(l.heartbeat, datetime()).seconds AS heartbeatAge
"""

# Takes over a stale lock, only if it is still the one judged stale: the first SET takes
# the node's write lock, so the token read after it is the latest; of two loads taking
# over together, the second then sees the first's token and takes nothing.
TAKE_OVER: Final = """
MATCH (l:LoadLock {name: $name})
SET l.takingOver = true
WITH l, l.token = $stale AS still
REMOVE l.takingOver
FOREACH (_ IN CASE WHEN still THEN [1] ELSE [] END |
  SET l += $holder, l.token = $token, l.started = datetime(), l.heartbeat = datetime())
RETURN still AS taken
"""

HEARTBEAT: Final = """
MATCH (l:LoadLock {name: $name}) WHERE l.token = $token
SET l.heartbeat = datetime()
RETURN count(l) AS held
"""

RELEASE: Final = "MATCH (l:LoadLock {name: $name}) WHERE l.token = $token DELETE l"


@dataclass(frozen=True)
class LockHolder:
    """Who holds the lock, as read from the database."""

    host: str | None
    pid: int | None
    paths: list[str]
    started: str | None  # ISO 8601, the database's clock
    running_seconds: int | None
    heartbeat_age: int | None  # seconds since its last heartbeat

    @classmethod
    def from_record(cls, record: Any) -> LockHolder:
        return cls(
            host=record["host"],
            pid=record["pid"],
            paths=list(record["paths"] or []),
            started=record["started"],
            running_seconds=record["runningSeconds"],
            heartbeat_age=record["heartbeatAge"],
        )

    def describe(self) -> str:
        paths = ", ".join(self.paths) or "unknown paths"
        running = f" ({_duration(self.running_seconds)} ago)" if self.running_seconds else ""
        beat = (
            f"last heartbeat {_duration(self.heartbeat_age)} ago"
            if self.heartbeat_age is not None
            else "no heartbeat"
        )
        return (
            f"pid {self.pid} on host {self.host}, loading {paths}, "
            f"since {self.started}{running}, {beat}"
        )


class LoadLockedError(RuntimeError):
    """Another load holds the lock of this database."""

    def __init__(self, target: str, holder: LockHolder, stale_after: int) -> None:
        super().__init__(
            f"another load is running into {target}: {holder.describe()}. Nothing was loaded; "
            "run this load again when that one has finished. A killed load does not block: "
            f"its lock is taken over once its heartbeat is {stale_after} s old, or at once "
            f"from host {holder.host} when its process is gone."
        )
        self.holder = holder


class LoadLockLostError(RuntimeError):
    """The lock was taken over while this load ran (its heartbeat stalled past the limit)."""


class LoadLock:
    """The lock held by this load; a context manager from `hold_load_lock`."""

    def __init__(
        self,
        driver: Driver,
        database: str | None,
        token: str,
        took_over: LockHolder | None,
        heartbeat_seconds: float,
    ) -> None:
        self.took_over = took_over  # the stale holder this load replaced, if any
        self._driver = driver
        self._database = database
        self._token = token
        self._lost = False
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, args=(heartbeat_seconds,), name="load-lock-heartbeat", daemon=True
        )
        self._thread.start()

    def check(self) -> None:
        """Raises LoadLockLostError when another load has taken the lock over."""
        if self._lost:
            raise LoadLockLostError(
                "the load lock was taken over by another load while this one ran (its "
                "heartbeat stalled); stopped here. Run the load again once the other has finished."
            )

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No heartbeats in the block: the bulk load's, while Neo4j is stopped (its lock node
        is imported with a heartbeat that stays fresh until they resume)."""
        self._paused.set()
        try:
            yield
        finally:
            self._paused.clear()

    def release(self) -> None:
        self._stop.set()
        self._thread.join()
        # When the database is gone the lock cannot be deleted: without heartbeats it goes stale.
        with suppress(Neo4jError, ServiceUnavailable, OSError):
            self._driver.execute_query(
                RELEASE,
                name=LOCK_NAME,
                token=self._token,
                database_=self._database,
                bookmark_manager_=None,
            )

    def _beat(self, interval: float) -> None:
        while not self._stop.wait(interval):
            if self._paused.is_set():
                continue
            try:
                records, _, _ = self._driver.execute_query(
                    HEARTBEAT,
                    name=LOCK_NAME,
                    token=self._token,
                    database_=self._database,
                    bookmark_manager_=None,
                )
            except (Neo4jError, ServiceUnavailable, OSError):
                continue  # the load's own writes report an unreachable database
            if records[0]["held"] == 0:
                self._lost = True
                return


@contextmanager
def hold_load_lock(
    driver: Driver,
    database: str | None,
    paths: Sequence[Path],
    *,
    target: str,
    stale_after: int = STALE_AFTER_SECONDS,
    heartbeat_seconds: float = HEARTBEAT_SECONDS,
) -> Iterator[LoadLock]:
    """Hold the database's load lock for the block; raises LoadLockedError when another holds it.

    `target` names the database in the refusal (its URI, say).
    """
    _ensure_constraint(driver, database)
    token = uuid.uuid4().hex
    holder = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "paths": [str(p.resolve()) for p in paths],
    }
    took_over: LockHolder | None = None
    for _attempt in range(3):  # a takeover lost to a third load is judged again
        record = _run(driver, database, ACQUIRE, name=LOCK_NAME, holder=holder, token=token)
        if record["token"] == token:
            break
        current = LockHolder.from_record(record)
        if not _is_stale(current, stale_after):
            raise LoadLockedError(target, current, stale_after)
        taken = _run(
            driver, database, TAKE_OVER,
            name=LOCK_NAME, holder=holder, token=token, stale=record["token"],
        )["taken"]  # fmt: skip
        if taken:
            took_over = current
            break
    else:
        raise LoadLockedError(target, current, stale_after)
    lock = LoadLock(driver, database, token, took_over, heartbeat_seconds)
    try:
        yield lock
    finally:
        lock.release()


def _is_stale(holder: LockHolder, stale_after: int) -> bool:
    if holder.heartbeat_age is None or holder.heartbeat_age > stale_after:
        return True
    return (
        holder.host == socket.gethostname() and holder.pid is not None and not pid_alive(holder.pid)
    )


def _ensure_constraint(driver: Driver, database: str | None) -> None:
    try:
        driver.execute_query(LOCK_CONSTRAINT, database_=database)
    except ClientError as exc:
        # two first loads into a new database create it together: one of them is told it exists
        if "AlreadyExists" not in (exc.code or ""):
            raise


def _run(driver: Driver, database: str | None, query: LiteralString, **params: Any) -> Any:
    # No bookmarks: each lock statement stands alone, and keeps working on a store the bulk
    # load replaced (whose transaction ids start again).
    records, _, _ = driver.execute_query(query, params, database_=database, bookmark_manager_=None)
    return records[0]


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return "?"
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds / 3600:.1f} h"
