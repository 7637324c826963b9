"""The rejects file: one JSON line per skipped record, with where it came from and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any


class RejectsFile:
    """Opened lazily, so a clean load leaves no empty file behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._handle: IO[str] | None = None

    def write(self, source: Path, index: int, reason: str, record: Any) -> None:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        line = {"source": str(source), "index": index, "reason": reason, "record": record}
        self._handle.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> RejectsFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
