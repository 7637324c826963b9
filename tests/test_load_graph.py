"""Loading whole archives into the real Neo4j: the graph, rejects, idempotency, updates, kills."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graphdb.settings import Neo4jSettings
from loaders.generate import generate_archive
from server.cli import main
from tests.support.graph import count, empty, snapshot

ROOT = Path(__file__).parent.parent


def load(*paths: Path, rejects: Path | None = None, extra: tuple[str, ...] = ()) -> int:
    args = ["load", *map(str, paths), *extra]
    if rejects is not None:
        args += ["--rejects", str(rejects)]
    return main(args)


def write_dump(path: Path, records: list[Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(records, out)
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    generate_archive(out, papers=400, seed=7, with_bad_records=True)
    return out


def test_generated_archive_loads_every_dump(
    driver: Driver, neo4j_env: object, archive: Path, tmp_path: Path
) -> None:
    rejects = tmp_path / "rejects.jsonl"
    assert load(archive, rejects=rejects) == 0
    assert count(driver, "MATCH (p:Paper) WHERE p.stub IS NULL RETURN count(p)") == 400
    for label in (
        "Author",
        "Task",
        "Area",
        "Dataset",
        "Method",
        "Repository",
        "Result",
        "Collection",
    ):
        assert count(driver, f"MATCH (n:{label}) RETURN count(n)") > 0, label
    for rel in ("AUTHORED_BY", "ADDRESSES", "SUBTASK_OF", "IN_AREA", "USES_METHOD", "INTRODUCED_IN",
                "IN_COLLECTION", "HAS_CODE", "REPORTS", "ON_TASK", "ON_DATASET", "FOR_TASK",
                "USES_DATASET", "RELATED_TO"):  # fmt: skip
        assert count(driver, f"MATCH ()-[r:{rel}]->() RETURN count(r)") > 0, rel
    # every result stands on its leaderboard, joined to a paper or not
    assert (
        count(
            driver,
            "MATCH (r:Result) WHERE NOT (r)-[:ON_TASK]->() OR NOT (r)-[:ON_DATASET]->() RETURN count(r)",
        )
        == 0
    )
    unjoined = count(driver, "MATCH (r:Result) WHERE NOT ()-[:REPORTS]->(r) RETURN count(r)")
    assert 0 < unjoined < count(driver, "MATCH (r:Result) RETURN count(r)")
    # the work flags are all cleared
    assert count(driver, "MATCH (n) WHERE n.relatedStale IS NOT NULL OR n.datasetsStale IS NOT NULL "
                         "OR n.joinPending IS NOT NULL RETURN count(n)") == 0  # fmt: skip
    # the bad records, five of each kind per file, went to the rejects file with their reasons
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    by_file: dict[str, list[str]] = {}
    for line in lines:
        by_file.setdefault(Path(line["source"]).name, []).append(line["reason"])
    assert len(by_file) == 5 and all(len(reasons) == 5 for reasons in by_file.values())
    assert "record is not an object (got string)" in by_file["methods.json.gz"]
    assert (
        "authors should be an array of strings, got string"
        in by_file["papers-with-abstracts.json.gz"]
    )


def test_loading_twice_leaves_exactly_the_same_graph(
    driver: Driver, neo4j_env: object, archive: Path
) -> None:
    assert load(archive) == 0
    first = snapshot(driver)
    assert load(archive) == 0
    assert snapshot(driver) == first


def test_parquet_loads_like_json(
    driver: Driver, neo4j_env: object, archive: Path, tmp_path: Path
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    with gzip.open(archive / "papers-with-abstracts.json.gz", "rt") as f:
        records = [
            r
            for r in json.load(f)
            if isinstance(r, dict) and "paper_url" in r and isinstance(r.get("authors"), list)
        ]
    (tmp_path / "json").mkdir()
    write_dump(tmp_path / "json" / "papers-with-abstracts.json.gz", records)
    (tmp_path / "pq").mkdir()
    pq.write_table(
        pa.Table.from_pylist(records), tmp_path / "pq" / "jul-28-papers-with-abstracts.parquet"
    )
    assert load(tmp_path / "json") == 0
    from_json = snapshot(driver)
    empty(driver)
    assert load(tmp_path / "pq") == 0
    assert snapshot(driver) == from_json


def test_a_newer_dump_updates_to_the_same_graph_as_a_clean_load(
    driver: Driver, neo4j_env: object, archive: Path, tmp_path: Path
) -> None:
    with gzip.open(archive / "papers-with-abstracts.json.gz", "rt") as f:
        papers = json.load(f)
    newer = [dict(r) if isinstance(r, dict) else r for r in papers]
    changed = [
        r
        for r in newer
        if isinstance(r, dict) and isinstance(r.get("authors"), list) and "paper_url" in r
    ]
    changed[0]["authors"] = list(reversed(changed[0]["authors"]))  # reordered
    changed[1]["authors"] = changed[1]["authors"] + [
        changed[2]["authors"][0]
    ]  # a new co-author link
    changed[3]["tasks"] = []  # lost its tasks
    changed[4]["title"] = changed[4]["title"] + " (revised)"
    changed[5]["methods"] = changed[6]["methods"]
    v2 = tmp_path / "v2"
    for path in archive.iterdir():
        if path.name != "papers-with-abstracts.json.gz":
            (v2 / path.name).parent.mkdir(parents=True, exist_ok=True)
            (v2 / path.name).write_bytes(path.read_bytes())
    write_dump(v2 / "papers-with-abstracts.json.gz", newer)

    assert load(archive) == 0
    assert load(v2) == 0
    updated = snapshot(driver)
    empty(driver)
    assert load(v2) == 0
    assert updated == snapshot(driver)


def run_loader_process(archive: Path, uri: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "server.cli", "load", str(archive), "--rejects", os.devnull],
            cwd=ROOT, env={**os.environ, "NEO4J_URI": uri}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


@pytest.mark.slow
def test_kill_9_then_rerun_ends_like_one_clean_load(
    driver: Driver, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    generate_archive(archive, papers=3000, seed=11)
    log = tmp_path / "loader.log"
    clean = run_loader_process(archive, neo4j_settings.uri, log)
    assert clean.wait(timeout=600) == 0, log.read_text()
    expected = snapshot(driver)
    empty(driver)

    killed = run_loader_process(archive, neo4j_settings.uri, log)
    # kill once some papers are committed, mid-file
    deadline = time.monotonic() + 120
    while count(driver, "MATCH (p:Paper) RETURN count(p)") < 500 and time.monotonic() < deadline:
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    partial = count(driver, "MATCH (p:Paper) RETURN count(p)")
    assert partial > 0, "the kill came before anything was written"
    assert count(driver, "MATCH (l:LoadLock) RETURN count(l)") == 1  # left behind by the kill

    log.write_text("")
    rerun = run_loader_process(archive, neo4j_settings.uri, log)
    assert rerun.wait(timeout=600) == 0, log.read_text()
    assert f"took over the load lock of a load that is gone (pid {killed.pid} " in log.read_text()
    assert snapshot(driver) == expected  # the lock is gone too


def test_the_online_load_runs_with_python_objects_in_glibc_malloc(
    neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    """The command re-executes itself with PYTHONMALLOC=malloc (loaders/memory.py), and says
    so; an allocator the user chose is kept."""
    archive = tmp_path / "archive"
    generate_archive(archive, papers=200, seed=3)
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri}
    env.pop("PYTHONMALLOC", None)
    command = [sys.executable, "-m", "server.cli", "load", "--online", str(archive),
               "--rejects", os.devnull]  # fmt: skip
    ran = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "peak RSS of the loader:" in ran.stdout
    assert "(Python's objects in glibc's malloc)" in ran.stdout

    chosen = subprocess.run(command, cwd=ROOT, env={**env, "PYTHONMALLOC": "pymalloc"},
                            capture_output=True, text=True, timeout=600)  # fmt: skip
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert "peak RSS of the loader:" in chosen.stdout
    assert "glibc's malloc" not in chosen.stdout
