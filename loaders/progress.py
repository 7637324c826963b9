"""Progress of a load: a live bar per file on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class LoadProgress(Protocol):
    def start_file(self, name: str, total_bytes: int) -> None: ...
    def update(self, records: int, bytes_done: int, total: int | None = None) -> None: ...
    def finish_file(self) -> None: ...
    def message(self, text: str) -> None: ...
    def close(self) -> None: ...


class BarProgress:
    """rich bars: bytes read decide the fraction and ETA (record counts are unknown ahead)."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TextColumn("{task.fields[records]:>10,} records"),
            TextColumn("{task.fields[rate]:>8,.0f}/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self._progress.start()
        self._task: TaskID | None = None
        self._started = 0.0

    def start_file(self, name: str, total_bytes: int) -> None:
        self._started = time.monotonic()
        self._task = self._progress.add_task(name, total=max(total_bytes, 1), records=0, rate=0.0)

    def update(self, records: int, bytes_done: int, total: int | None = None) -> None:
        if self._task is None:
            return
        elapsed = max(time.monotonic() - self._started, 1e-6)
        if total is not None:
            self._progress.update(self._task, total=max(total, 1))
        self._progress.update(
            self._task, completed=bytes_done, records=records, rate=records / elapsed
        )

    def finish_file(self) -> None:
        if self._task is not None:
            task = self._progress.tasks[-1]
            self._progress.update(self._task, completed=task.total)
        self._task = None

    def message(self, text: str) -> None:
        self._progress.console.print(text, soft_wrap=True)

    def close(self) -> None:
        self._progress.stop()


class LineProgress:
    """For logs and CI: a line every `interval` seconds and one at the end of each file."""

    def __init__(self, console: Console, interval: float = 10.0) -> None:
        self._console = console
        self._interval = interval
        self._name = ""
        self._total = 0
        self._started = 0.0
        self._last = 0.0
        self._records = 0

    def start_file(self, name: str, total_bytes: int) -> None:
        self._name, self._total = name, total_bytes
        self._started = self._last = time.monotonic()
        self._records = 0
        self._console.print(f"{name}: started")

    def update(self, records: int, bytes_done: int, total: int | None = None) -> None:
        if total is not None:
            self._total = total
        self._records = records
        now = time.monotonic()
        if now - self._last < self._interval:
            return
        self._last = now
        elapsed = now - self._started
        fraction = bytes_done / self._total if self._total else 0.0
        eta = f", ETA {elapsed / fraction - elapsed:,.0f}s" if 0 < fraction < 1 else ""
        self._console.print(
            f"{self._name}: {records:,} records, {fraction:.0%}, "
            f"{records / max(elapsed, 1e-6):,.0f} records/s{eta}"
        )

    def finish_file(self) -> None:
        elapsed = time.monotonic() - self._started
        self._console.print(f"{self._name}: done, {self._records:,} records in {elapsed:,.1f}s")

    def message(self, text: str) -> None:
        self._console.print(text, soft_wrap=True)

    def close(self) -> None:
        pass


def make_progress(console: Console | None = None) -> LoadProgress:
    console = console or Console(stderr=True)
    if console.is_terminal and sys.stderr.isatty():
        return BarProgress(console)
    return LineProgress(console)
