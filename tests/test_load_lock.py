"""One load at a time per database: a second is refused naming the first; a dead one's lock is not.

Against the real Neo4j, with real load processes where the point is two of them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graphdb.settings import Neo4jSettings
from loaders.generate import generate_archive
from loaders.lock import LoadLockedError, LoadLockLostError, hold_load_lock
from server.cli import main
from tests.support.graph import count, empty, snapshot

ROOT = Path(__file__).parent.parent

WRITE_LOCK = """
CREATE (:LoadLock {name: 'load', token: 'left-behind', host: $host, pid: $pid,
                   paths: ['/elsewhere/archive'],
                   started: datetime() - duration({minutes: 30}),
                   heartbeat: datetime() - duration({seconds: $age})})
"""

HEARTBEAT_AGE = "MATCH (l:LoadLock) RETURN duration.inSeconds(l.heartbeat, datetime()).seconds"

COUNTS_BY_LABEL = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
COUNTS_BY_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    generate_archive(out, papers=1500, seed=5)
    return out


def counts(driver: Driver) -> tuple[dict[str, int], dict[str, int]]:
    labels, _, _ = driver.execute_query(COUNTS_BY_LABEL)
    types, _, _ = driver.execute_query(COUNTS_BY_TYPE)
    return {r["label"]: r["n"] for r in labels}, {r["type"]: r["n"] for r in types}


def start_load(archive: Path, uri: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "server.cli", "load", str(archive), "--rejects", os.devnull],
            cwd=ROOT, env={**os.environ, "NEO4J_URI": uri}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


def dead_pid() -> int:
    """The pid of a process of this host that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_lock(driver: Driver, **holder: Any) -> None:
    driver.execute_query(WRITE_LOCK, holder)


@pytest.mark.slow
def test_two_loads_at_once_one_is_refused_and_the_graph_is_one_clean_load(
    driver: Driver, neo4j_settings: Neo4jSettings, archive: Path, tmp_path: Path
) -> None:
    clean = start_load(archive, neo4j_settings.uri, tmp_path / "clean.log")
    assert clean.wait(timeout=600) == 0, (tmp_path / "clean.log").read_text()
    expected_counts, expected = counts(driver), snapshot(driver)
    empty(driver)

    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    loads = [start_load(archive, neo4j_settings.uri, log) for log in logs]
    codes = [load.wait(timeout=600) for load in loads]
    outputs = [log.read_text() for log in logs]

    assert sorted(codes) == [0, 1], outputs
    winner, loser = (0, 1) if codes[0] == 0 else (1, 0)
    refusal = outputs[loser]
    assert f"another load is running into {neo4j_settings.uri}" in refusal
    assert f"pid {loads[winner].pid} on host {socket.gethostname()}" in refusal
    assert f"loading {archive.resolve()}" in refusal and "since 20" in refusal
    assert "Load summary" not in refusal  # refused before it read or wrote anything
    assert counts(driver) == expected_counts
    assert snapshot(driver) == expected  # no lock left behind either


def test_a_lock_left_by_a_dead_process_on_this_host_does_not_block(
    driver: Driver, neo4j_env: Neo4jSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = dead_pid()
    write_lock(driver, host=socket.gethostname(), pid=pid, age=1)  # a fresh heartbeat, even
    papers = tmp_path / "papers-with-abstracts.json"
    papers.write_text('[{"paper_url": "https://paperswithcode.com/paper/a", "title": "A"}]')

    assert main(["load", str(papers), "--rejects", str(tmp_path / "r.jsonl")]) == 0

    out = capsys.readouterr()
    assert f"took over the load lock of a load that is gone (pid {pid} on host" in out.out + out.err
    assert count(driver, "MATCH (p:Paper) RETURN count(p)") == 1
    assert count(driver, "MATCH (l:LoadLock) RETURN count(l)") == 0


def test_a_lock_whose_heartbeat_stopped_does_not_block(
    driver: Driver, neo4j_env: Neo4jSettings, tmp_path: Path
) -> None:
    # another host: its pid cannot be checked from here, only its heartbeat's age
    write_lock(driver, host="loader-7.example", pid=4242, age=600)
    papers = tmp_path / "papers-with-abstracts.json"
    papers.write_text('[{"paper_url": "https://paperswithcode.com/paper/a", "title": "A"}]')

    assert main(["load", str(papers), "--rejects", str(tmp_path / "r.jsonl")]) == 0

    assert count(driver, "MATCH (p:Paper) RETURN count(p)") == 1
    assert count(driver, "MATCH (l:LoadLock) RETURN count(l)") == 0


def test_a_live_lock_refuses_the_load_naming_its_holder(
    driver: Driver, neo4j_env: Neo4jSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_lock(driver, host="loader-7.example", pid=4242, age=2)
    papers = tmp_path / "papers-with-abstracts.json"
    papers.write_text('[{"paper_url": "https://paperswithcode.com/paper/a", "title": "A"}]')

    assert main(["load", str(papers), "--rejects", str(tmp_path / "r.jsonl")]) == 1

    err = capsys.readouterr().err
    assert f"another load is running into {neo4j_env.uri}: pid 4242 on host loader-7.example" in err
    assert "loading /elsewhere/archive, since 20" in err and "(30 min ago)" in err
    assert "last heartbeat 2 s ago" in err
    assert count(driver, "MATCH (p:Paper) RETURN count(p)") == 0
    # the holder's lock is left as it was
    assert count(driver, "MATCH (l:LoadLock {token: 'left-behind'}) RETURN count(l)") == 1


def test_the_holder_keeps_its_heartbeat_fresh_and_notices_a_takeover(driver: Driver) -> None:
    with hold_load_lock(driver, None, [Path("a")], target="t", heartbeat_seconds=0.2) as lock:
        driver.execute_query("MATCH (l:LoadLock) SET l.heartbeat = datetime() - duration('PT5M')")
        time.sleep(1.0)
        age = count(driver, HEARTBEAT_AGE)
        assert age <= 1
        lock.check()  # still ours
        driver.execute_query("MATCH (l:LoadLock) SET l.token = 'someone-else'")
        time.sleep(1.0)
        with pytest.raises(LoadLockLostError, match="taken over by another load"):
            lock.check()
    # leaving the block does not delete the lock it no longer holds
    assert count(driver, "MATCH (l:LoadLock {token: 'someone-else'}) RETURN count(l)") == 1


def test_of_two_loads_taking_over_a_stale_lock_together_one_gets_it(driver: Driver) -> None:
    write_lock(driver, host="loader-7.example", pid=4242, age=600)
    start = threading.Barrier(2)
    held = threading.Event()
    outcomes: list[str] = []

    def take() -> None:
        start.wait()
        try:
            with hold_load_lock(driver, None, [Path("a")], target="t"):
                outcomes.append("held")
                held.set()
                time.sleep(1.0)  # hold it while the other tries
        except LoadLockedError as refused:
            outcomes.append(f"refused by pid {refused.holder.pid}")

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["held", f"refused by pid {os.getpid()}"]
    assert count(driver, "MATCH (l:LoadLock) RETURN count(l)") == 0
