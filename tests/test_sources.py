"""Reading dump files: every format, and every way a file can be broken."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from loaders.sources import DumpReader, DumpReadError

RECORDS = [
    {"paper_url": f"https://paperswithcode.com/paper/p{i}", "title": f"P {i}"} for i in range(50)
]


def records_of(path: Path) -> list[object]:
    return [record for _, record in DumpReader(path)]


def test_json_and_gzip_and_parquet_give_the_same_records(tmp_path: Path) -> None:
    plain = tmp_path / "papers-with-abstracts.json"
    plain.write_text(json.dumps(RECORDS))
    zipped = tmp_path / "papers-with-abstracts.json.gz"
    zipped.write_bytes(gzip.compress(plain.read_bytes()))
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    parquet = tmp_path / "papers-with-abstracts.parquet"
    pq.write_table(pa.Table.from_pylist(RECORDS), parquet)
    assert records_of(plain) == records_of(zipped) == records_of(parquet) == RECORDS


def test_indexes_count_from_zero(tmp_path: Path) -> None:
    path = tmp_path / "methods.json"
    path.write_text(json.dumps(["a", {"b": 1}]))
    assert list(DumpReader(path)) == [(0, "a"), (1, {"b": 1})]


def test_numbers_are_floats_not_decimals(tmp_path: Path) -> None:
    path = tmp_path / "methods.json"
    path.write_text('[{"x": 0.5, "y": 3}]')
    assert records_of(path) == [{"x": 0.5, "y": 3}]
    assert type(records_of(path)[0]["x"]) is float  # type: ignore[index]


def expect_read_error(path: Path, fragment: str, records_before: int) -> DumpReadError:
    reader = DumpReader(path)
    seen = 0
    with pytest.raises(DumpReadError) as info:
        for _ in reader:
            seen += 1
    error = info.value
    assert str(path) in str(error)
    assert fragment in str(error)
    assert seen == records_before == error.records_read
    assert f"after {records_before:,} records" in str(error)
    return error


def test_truncated_gzip_names_file_and_progress(tmp_path: Path) -> None:
    data = gzip.compress(json.dumps(RECORDS * 200).encode())
    path = tmp_path / "papers-with-abstracts.json.gz"
    path.write_bytes(data[: len(data) // 2])
    reader = DumpReader(path)
    with pytest.raises(DumpReadError, match="truncated or corrupt gzip") as info:
        for _ in reader:
            pass
    assert info.value.records_read > 100  # it got some way in, and says how far


def test_truncated_json_names_file_and_progress(tmp_path: Path) -> None:
    text = json.dumps(RECORDS[:3])
    cut = text.index('{"paper_url": "https://paperswithcode.com/paper/p2"') + 20
    path = tmp_path / "papers-with-abstracts.json"
    path.write_text(text[:cut])
    expect_read_error(path, "truncated or invalid JSON", 2)


def test_not_json_at_all(tmp_path: Path) -> None:
    path = tmp_path / "papers-with-abstracts.json"
    path.write_text("this is not json")
    expect_read_error(path, "not a JSON array", 0)


def test_gzip_that_is_not_gzip(tmp_path: Path) -> None:
    path = tmp_path / "papers-with-abstracts.json.gz"
    path.write_text("[]")
    expect_read_error(path, "gzip", 0)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "papers-with-abstracts.json"
    path.write_bytes(b"")
    expect_read_error(path, "JSON", 0)


def test_missing_file(tmp_path: Path) -> None:
    expect_read_error(tmp_path / "methods.json", "cannot open", 0)


def test_garbage_after_valid_records(tmp_path: Path) -> None:
    path = tmp_path / "methods.json"
    path.write_text('[{"a": 1}, {"b": 2}, nonsense]')
    expect_read_error(path, "JSON", 2)
