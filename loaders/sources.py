"""Stream the records of one dump file at constant memory, whatever its size.

A dump is one top-level JSON array (.json or .json.gz), or a Parquet file with
the same fields. Records come out one at a time with their index in the file;
any failure to read (missing file, not JSON, truncated gzip or JSON, unreadable
Parquet) becomes a DumpReadError naming the file and how far reading got.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import ijson

# ijson's C backend (yajl2_c) parses several times faster than the pure-Python one.
_JSON = ijson.get_backend("yajl2_c") if "yajl2_c" in ijson.ALL_BACKENDS else ijson


class DumpReadError(Exception):
    """A dump file could not be read to its end."""

    def __init__(self, path: Path, reason: str, records_read: int, bytes_read: int | None) -> None:
        where = f"after {records_read:,} records"
        if bytes_read is not None:
            where += f" ({bytes_read:,} bytes of {'decompressed ' if _is_gzip(path) else ''}input)"
        super().__init__(f"{path}: {reason} {where}")
        self.path = path
        self.reason = reason
        self.records_read = records_read


@dataclass
class DumpReader:
    """Iterates (index, record) over a dump; `bytes_done`/`bytes_total` feed the progress bar."""

    path: Path
    records_read: int = 0

    @property
    def bytes_total(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def __post_init__(self) -> None:
        self._raw: IO[bytes] | None = None

    @property
    def bytes_done(self) -> int:
        """Bytes of the file on disk consumed so far (compressed bytes for .gz)."""
        raw = self._raw
        if raw is None or raw.closed:
            return self.bytes_total if self.records_read else 0
        try:
            return raw.tell()
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        if self.path.suffix == ".parquet":
            yield from self._parquet_records()
        else:
            yield from self._json_records()

    def _fail(self, reason: str, stream: IO[bytes] | None = None) -> DumpReadError:
        offset: int | None = None
        if stream is not None:
            try:
                offset = stream.tell()
            except (OSError, ValueError):
                offset = None
        return DumpReadError(self.path, reason, self.records_read, offset)

    def _json_records(self) -> Iterator[tuple[int, Any]]:
        try:
            raw = self.path.open("rb")
        except OSError as exc:
            raise self._fail(f"cannot open ({exc.strerror or exc})") from exc
        self._raw = raw
        with raw:
            stream: IO[bytes] = (
                cast(IO[bytes], gzip.GzipFile(fileobj=raw)) if _is_gzip(self.path) else raw
            )
            try:
                if not _starts_with_array(stream, self.path):
                    raise self._fail("is not a JSON array of records (the dump format)")
                for record in _JSON.items(stream, "item", use_float=True, buf_size=256 * 1024):
                    yield self.records_read, record
                    self.records_read += 1
            except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
                raise self._fail(f"truncated or corrupt gzip ({exc})", stream) from exc
            except ijson.IncompleteJSONError as exc:
                raise self._fail(f"truncated or invalid JSON ({_short(exc)})", stream) from exc
            except ijson.JSONError as exc:
                raise self._fail(f"invalid JSON ({_short(exc)})", stream) from exc
            except OSError as exc:
                raise self._fail(f"read error ({exc})", stream) from exc

    def _parquet_records(self) -> Iterator[tuple[int, Any]]:
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:  # an optional dependency: only Parquet dumps need it
            raise self._fail(
                "needs pyarrow to read Parquet: pip install 'papers-graph[parquet]'"
            ) from exc
        try:
            parquet = pq.ParquetFile(self.path)
            for batch in parquet.iter_batches(batch_size=1_000):
                for record in batch.to_pylist():
                    yield self.records_read, record
                    self.records_read += 1
        except (OSError, ValueError) as exc:  # ArrowIOError, ArrowInvalid
            raise self._fail(f"unreadable Parquet ({exc})") from exc


def _is_gzip(path: Path) -> bool:
    return path.suffix == ".gz"


def _starts_with_array(stream: IO[bytes], path: Path) -> bool:
    """Peek at the first non-blank byte without consuming it from the parser's view."""
    peekable = stream if hasattr(stream, "peek") else None
    if peekable is None:
        return True
    head = peekable.peek(64)[:64].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark
        head = head[3:].lstrip()
    return head.startswith(b"[") or not head


def _short(exc: Exception, limit: int = 200) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= limit else text[:limit] + "..."
