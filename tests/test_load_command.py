"""`papers-graph load` on bad input: clear errors naming the file, non-zero exit, nothing else lost."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from neo4j import Driver

from server.cli import main
from tests.conftest import FIXTURES


def paper_count(driver: Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (p:Paper) RETURN count(p) AS n")
    return int(records[0]["n"])


def test_not_json_fails_naming_the_file(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "papers-with-abstracts.json"
    bad.write_text("<html>not json</html>")
    assert main(["load", str(bad)]) == 1
    out = capsys.readouterr()
    assert str(bad) in out.out + out.err
    assert "not a JSON array" in out.out + out.err


def test_truncated_gzip_keeps_what_was_read_and_rerun_completes(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [
        {"paper_url": f"https://paperswithcode.com/paper/p{i:05d}", "title": f"Paper {i}",
         "authors": [f"Author {i % 97}", f"Author {(i + 1) % 97}"], "date": "2020-01-01"}
        for i in range(6000)
    ]  # fmt: skip
    data = gzip.compress(json.dumps(records).encode(), compresslevel=1)
    broken = tmp_path / "papers-with-abstracts.json.gz"
    broken.write_bytes(data[: int(len(data) * 0.7)])
    assert main(["load", str(broken)]) == 1
    out = capsys.readouterr()
    assert str(broken) in out.out + out.err and "truncated" in out.out + out.err
    partial = paper_count(driver)
    assert 2000 <= partial < 6000  # what was read before the break is committed

    broken.write_bytes(data)  # the complete file this time
    assert main(["load", str(broken)]) == 0
    assert paper_count(driver) == 6000


def test_bad_records_go_to_rejects_and_the_rest_loads(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    good = json.loads((FIXTURES / "papers-with-abstracts.json").read_text())
    bad: list[object] = [
        "a string, not an object",
        {"title": "no paper_url"},
        {"paper_url": 7, "title": "paper_url is a number"},
        {
            "paper_url": "https://paperswithcode.com/paper/bad-authors",
            "title": "t",
            "authors": "Ann",
        },
        {
            "paper_url": "https://paperswithcode.com/paper/bad-date",
            "title": "t",
            "date": "yesterday",
        },
    ]
    dump = tmp_path / "papers-with-abstracts.json"
    dump.write_text(json.dumps(good[:2] + bad + good[2:]))
    rejects = tmp_path / "rejects.jsonl"
    assert main(["load", str(dump), "--rejects", str(rejects)]) == 0
    assert paper_count(driver) == len(good)
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [line["index"] for line in lines] == [2, 3, 4, 5, 6]
    assert all(line["source"] == str(dump) for line in lines)
    assert [line["record"] for line in lines] == bad
    reasons = [line["reason"] for line in lines]
    assert reasons[0] == "record is not an object (got string)"
    assert reasons[1] == "paper_url is missing"
    assert reasons[2] == "paper_url should be a string, got number"
    assert reasons[3] == "authors should be an array of strings, got string"
    assert "date" in reasons[4] and "yesterday" in reasons[4]


def test_unknown_file_is_refused_before_anything_loads(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = tmp_path / "papers-with-abstracts.json"
    shutil.copy(FIXTURES / "papers-with-abstracts.json", papers)
    stray = tmp_path / "notes.json"
    stray.write_text("[]")
    assert main(["load", str(papers), str(stray)]) == 1
    assert "notes.json: unknown dump" in capsys.readouterr().err
    assert paper_count(driver) == 0


def test_a_second_record_of_the_same_paper_is_rejected_naming_the_first(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    url = "https://paperswithcode.com/paper/twice"
    records = [
        {"paper_url": url, "title": "The first", "authors": ["Ann"]},
        {"paper_url": "https://paperswithcode.com/paper/other", "title": "Other"},
        {"paper_url": url + "/", "title": "The second", "authors": ["Bo"]},
    ]
    dump = tmp_path / "papers-with-abstracts.json"
    dump.write_text(json.dumps(records))
    rejects = tmp_path / "rejects.jsonl"
    assert main(["load", str(dump), "--rejects", str(rejects)]) == 0
    titles, _, _ = driver.execute_query(
        "MATCH (p:Paper {slug: 'twice'})-[:AUTHORED_BY]->(a) RETURN p.title AS t, a.name AS a"
    )
    assert [(r["t"], r["a"]) for r in titles] == [("The first", "Ann")]  # the first wins
    (line,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert (line["index"], line["record"]) == (2, records[2])
    assert line["reason"] == (
        f"duplicate paper: paper_url {url + '/'!r} gives the slug 'twice' of the record at "
        "index 0 in this file; the first record of a paper wins"
    )


def test_a_paper_url_without_a_slug_goes_to_the_rejects(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    dump = tmp_path / "papers-with-abstracts.json"
    dump.write_text(json.dumps([{"paper_url": "https://paperswithcode.com/paper/", "title": "T"}]))
    rejects = tmp_path / "rejects.jsonl"
    assert main(["load", str(dump), "--rejects", str(rejects)]) == 0
    assert paper_count(driver) == 0
    (line,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert "has no slug" in line["reason"]


def papers(n: int) -> list[dict[str, object]]:
    return [
        {"paper_url": f"https://paperswithcode.com/paper/p{i}", "title": f"Paper {i}"}
        for i in range(n)
    ]


def test_a_truncated_file_commits_the_records_read_and_says_how_many(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(papers(10))
    broken = tmp_path / "papers-with-abstracts.json"
    broken.write_text(
        text[: text.index('{"paper_url": "https://paperswithcode.com/paper/p5"') + 20]
    )
    assert main(["load", str(broken)]) == 1
    out = capsys.readouterr()
    assert paper_count(driver) == 5  # the five complete records before the break
    assert "5 of its records were committed" in out.out
    assert "What was read before it is committed" not in out.out


def test_a_file_truncated_before_its_first_record_says_nothing_was_committed(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = gzip.compress(json.dumps(papers(10)).encode())
    broken = tmp_path / "papers-with-abstracts.json.gz"
    broken.write_bytes(data[: len(data) // 2])  # gzip gives nothing of a stream cut short
    assert main(["load", str(broken)]) == 1
    out = capsys.readouterr()
    assert paper_count(driver) == 0
    assert f"{broken}: truncated" in out.out
    assert "none of its records were committed" in out.out


def test_a_folder_without_a_dump_is_refused_naming_what_it_holds(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "foo.json").write_text(json.dumps(papers(3)))
    (folder / "notes.txt").write_text("read me")
    assert main(["load", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder}: no dump file in this folder; it holds foo.json, notes.txt" in err
    assert "papers-with-abstracts" in err  # what a dump's name should be
    assert paper_count(driver) == 0


def test_files_that_are_not_dumps_beside_dumps_are_named_as_skipped(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "papers-with-abstracts.json").write_text(json.dumps(papers(3)))
    (tmp_path / "paper-with-abstract.json").write_text(json.dumps(papers(3)))  # a typo
    assert main(["load", str(tmp_path), "--rejects", str(tmp_path / "r.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "skipped, not dumps: paper-with-abstract.json" in out
    assert paper_count(driver) == 3


def test_the_summary_says_what_the_paper_counts_step_did(
    driver: Driver, neo4j_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "papers-with-abstracts.json"
    dump.write_text(json.dumps([
        {"paper_url": "https://paperswithcode.com/paper/a", "title": "A", "authors": ["Ann", "Bo"],
         "tasks": ["T"]},
        {"paper_url": "https://paperswithcode.com/paper/b", "title": "B", "authors": ["Ann"],
         "tasks": ["T", "U"]},
    ]))  # fmt: skip
    assert main(["load", str(dump)]) == 0
    # Ann and T were met again by the second paper: their counts were updated (1 -> 2)
    out = capsys.readouterr().out
    assert (
        "paper counts: updated the paper counts of 1 author, 1 task, 0 methods, 0 datasets" in out
    )
    records, _, _ = driver.execute_query(
        "MATCH (f) WHERE f:Author OR f:Task RETURN f.name AS name, f.paperCount AS n ORDER BY name"
    )
    assert [(r["name"], r["n"]) for r in records] == [("Ann", 2), ("Bo", 1), ("T", 2), ("U", 1)]

    assert main(["load", str(dump)]) == 0  # the same file again: nothing changed
    assert "paper counts: nothing to update" in capsys.readouterr().out
