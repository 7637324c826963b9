"""`load --bulk`: the offline importer makes exactly the online loader's graph, into the local Neo4j.

The online loads run in the suite's Neo4j; the bulk loads need a local Neo4j of their own
(the importer replaces its store while it is stopped), started here in a temporary folder.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graphdb.counts import COUNTED
from graphdb.local.process import LocalNeo4jConfig, last_launch, start, status, stop
from graphdb.model import NODE_KEYS
from graphdb.settings import Neo4jSettings
from loaders.bulk.choose import choose_path
from loaders.bulk.derive import slug_order
from loaders.generate import generate_archive
from server.cli import main
from tests.support.graph import count, empty

ROOT = Path(__file__).parent.parent
GRAPH_COUNTS = "MATCH (c:GraphCounts {name: 'graph'}) RETURN properties(c) AS c"


def typed(value: Any) -> Any:
    """A value with its type, so that 1 and 1.0, a date and its text, differ."""
    if isinstance(value, list):
        return ("list", tuple(typed(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, bool | int | str):
        return (type(value).__name__, value)
    return (type(value).__name__, str(value))


def _key(labels: list[str], props: dict[str, Any]) -> tuple[str, Any]:
    label = sorted(labels)[0]
    return label, props.get(NODE_KEYS.get(label, "name"))


def export(driver: Driver) -> tuple[list[Any], list[Any], list[str]]:
    """Every node (labels, typed properties), every relationship (ends by key, type, typed
    properties), and the names of the indexes and constraints."""
    nodes = [
        (tuple(sorted(r["labels"])), tuple(sorted((k, typed(v)) for k, v in r["props"].items())))
        for r in driver.execute_query(
            "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
        ).records
    ]
    rels = [
        (_key(r["sl"], r["s"]), r["type"],
         tuple(sorted((k, typed(v)) for k, v in r["props"].items())), _key(r["el"], r["e"]))
        for r in driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN labels(a) AS sl, properties(a) AS s, type(r) AS type, "
            "properties(r) AS props, labels(b) AS el, properties(b) AS e"
        ).records
    ]  # fmt: skip
    schema = sorted(
        r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name RETURN name").records
    )
    return sorted(nodes), sorted(rels), schema


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4jConfig]:
    config = LocalNeo4jConfig(
        data_dir=tmp_path_factory.mktemp("bulk-neo4j"), port=0, heap="1g", pagecache="256m"
    )
    start(config, quiet=True)
    try:
        yield config
    finally:
        stop(config)


def local_uri(config: LocalNeo4jConfig) -> str:
    return f"bolt://{config.address_file.read_text().strip()}"


def emptied(config: LocalNeo4jConfig) -> Driver:
    """A driver on the local Neo4j, emptied (started again if a test left it stopped)."""
    if not status(config).running:
        launch = last_launch(config.data_dir)
        start(launch[0] if launch else config, quiet=True)
    driver = GraphDatabase.driver(local_uri(config))
    with driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    return driver


# Both paths keep the co-author rankings of the authors of this many papers (loaders/coauthors.py):
# the 400-paper archive's authors have few, and the exports must hold some rankings.
KEEP = ["--keep-coauthors-from", "3"]


def bulk_args(config: LocalNeo4jConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", local_uri(config))
    monkeypatch.setenv("PAPERS_GRAPH_DATA_DIR", str(config.data_dir))
    for name in ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bulk-archive")
    generate_archive(out, papers=400, seed=7, with_bad_records=True)
    return out


def newer(archive: Path, out: Path) -> Path:
    """The archive with a few papers changed, as tests/test_load_graph.py changes them."""
    with gzip.open(archive / "papers-with-abstracts.json.gz", "rt") as f:
        papers = json.load(f)
    ok = [r for r in papers if isinstance(r, dict) and isinstance(r.get("authors"), list)
          and "paper_url" in r]  # fmt: skip
    ok[0]["authors"] = list(reversed(ok[0]["authors"]))
    ok[1]["authors"] = ok[1]["authors"] + [ok[2]["authors"][0]]
    ok[3]["tasks"] = []
    ok[4]["title"] += " (revised)"
    ok[5]["methods"] = ok[6]["methods"]
    out.mkdir(parents=True, exist_ok=True)
    for path in archive.iterdir():
        if path.name.endswith(".json.gz") and path.name != "papers-with-abstracts.json.gz":
            (out / path.name).write_bytes(path.read_bytes())
    with gzip.open(out / "papers-with-abstracts.json.gz", "wt", encoding="utf-8") as f:
        json.dump(papers, f)
    return out


def step_peaks(out: str) -> tuple[dict[str, float], float]:
    """Each row's peak RSS (MB) in a load's summary table, and the whole run's as printed."""
    lines = [re.split("[│┃]", line) for line in out.splitlines() if line.startswith(("│", "┃"))]
    header = next(cells for cells in lines if "peak MB" in "".join(cells))
    at = [c.strip() for c in header].index("peak MB")
    peaks = {cells[1].strip(): float(cells[at].strip().replace(",", ""))
             for cells in lines if cells[at].strip().replace(",", "").isdigit()}  # fmt: skip
    run = re.search(r"peak RSS of the loader: ([\d,]+) MB", out)
    assert run, out
    return peaks, float(run.group(1).replace(",", ""))


def test_bulk_load_makes_exactly_the_online_graph_then_loads_online_incrementally(
    driver: Driver,
    neo4j_env: Neo4jSettings,
    local: LocalNeo4jConfig,
    archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["load", *KEEP, str(archive), "--rejects", str(tmp_path / "online.jsonl")]) == 0
    online = export(driver)
    assert len(online[0]) > 2000 and len(online[1]) > 10000
    # each file and step reports its peak memory; the run's is the highest of them
    peaks, run = step_peaks(capsys.readouterr().out)
    assert {"papers-with-abstracts.json.gz", "related papers", "co-authors"} <= set(peaks)
    assert all(20 < peak <= run for peak in peaks.values()), (peaks, run)

    emptied(local).close()
    bulk_args(local, monkeypatch)
    capsys.readouterr()
    assert (
        main(["load", "--bulk", *KEEP, str(archive), "--rejects", str(tmp_path / "bulk.jsonl")])
        == 0
    )
    out = capsys.readouterr().out
    peaks, run = step_peaks(out)
    assert {"read and validate", "whole-graph steps", "paper-feature graph",
            "CSV and related links", "constraints", "empty lists", "indexes"} <= set(peaks)  # fmt: skip
    assert all(20 < peak <= run for peak in peaks.values()), (peaks, run)
    with GraphDatabase.driver(local_uri(local)) as bulk:
        # the whole graph, derived parts included (kept counts, papers per year, co-author
        # rankings, related links, typeahead, graph counts), came in the import: no online
        # step ran after it
        assert export(bulk) == online
        assert "online" not in "".join(peaks) and "co-authors" not in peaks
        assert count(bulk, "MATCH ()-[c:COAUTHOR]->() RETURN count(c)") > 100
        # the graph counts, written by the importer, are those the counting statements give
        kept = bulk.execute_query(GRAPH_COUNTS).records[0]["c"]
        assert {name: count(bulk, query) for name, query in COUNTED.items()} == {
            name: kept.get(name) for name in COUNTED
        }
        # every index is online when the load ends
        assert count(bulk, "SHOW INDEXES YIELD state WHERE state <> 'ONLINE' RETURN count(*)") == 0
        # the same records rejected, for the same reasons
        assert (tmp_path / "bulk.jsonl").read_text() == (tmp_path / "online.jsonl").read_text()

    # a newer dump, online on top of the bulk graph: what changed changes, nothing else
    v2 = newer(archive, tmp_path / "v2")
    with GraphDatabase.driver(local_uri(local)) as bulk:
        before = export(bulk)
        assert main(["load", *KEEP, str(v2), "--rejects", os.devnull]) == 0
        after = export(bulk)
    changed = set(after[0]) ^ set(before[0])
    # the papers rewritten, features recounted, typeahead tags, the graph counts
    assert 0 < len(changed) < 0.05 * len(before[0])
    # and the graph is the one a clean online load of the newer dump makes
    empty(driver)
    monkeypatch.setenv("NEO4J_URI", neo4j_env.uri)
    assert main(["load", *KEEP, str(v2), "--rejects", os.devnull]) == 0
    assert export(driver) == after


@pytest.mark.parametrize(
    "extra",
    [[], ["\U0001f600-smile"], ["\ue000-private", "\ufb01-ligature"],
     ["\U0001f600-smile", "\ufb01-ligature", "\U00010400-deseret", "\uffee-halfwidth"]],
)  # fmt: skip
def test_papers_are_numbered_in_cyphers_slug_order(driver: Driver, extra: list[str]) -> None:
    """The related links break ties by slug order: the bulk path's must be Neo4j's own, also
    where Python's code-point order differs from Java's UTF-16 order."""
    slugs = ["b-paper", "a-paper", "A-paper", "é-paper", "z", "\u00ff", *extra, "a"]
    cypher = [r["s"] for r in driver.execute_query(
        "UNWIND $slugs AS s RETURN s ORDER BY s", slugs=slugs).records]  # fmt: skip
    assert [slugs[i] for i in slug_order(slugs)] == cypher


def test_a_bad_file_fails_before_anything_is_imported(
    local: LocalNeo4jConfig,
    archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for path in archive.iterdir():
        if path.name.endswith(".json.gz"):
            (folder / path.name).write_bytes(path.read_bytes())
    codes = (folder / "links-between-papers-and-code.json.gz").read_bytes()
    (folder / "links-between-papers-and-code.json.gz").write_bytes(codes[: len(codes) // 2])
    emptied(local).close()
    bulk_args(local, monkeypatch)
    assert main(["load", "--bulk", str(folder), "--rejects", os.devnull]) == 1
    err = capsys.readouterr().err
    assert "links-between-papers-and-code.json.gz: truncated or corrupt gzip" in err
    assert "after " in err and " records (" in err and "Nothing was imported" in err
    assert status(local).running  # never stopped
    with GraphDatabase.driver(local_uri(local)) as bulk:
        assert count(bulk, "MATCH (n) RETURN count(n)") == 0  # nor its lock left behind


def test_refuses_a_database_that_is_not_empty_or_not_local(
    driver: Driver,
    neo4j_env: object,
    local: LocalNeo4jConfig,
    archive: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PAPERS_GRAPH_DATA_DIR", str(local.data_dir))
    assert main(["load", "--bulk", str(archive), "--rejects", os.devnull]) == 1  # suite's Neo4j
    assert "is not the local Neo4j of `papers-graph db start`" in capsys.readouterr().err
    with emptied(local) as bulk:
        bulk.execute_query("CREATE (:Author {name: 'Someone'})")
        bulk_args(local, monkeypatch)
        assert main(["load", "--bulk", str(archive), "--rejects", os.devnull]) == 1
        assert "is not empty (1 nodes)" in capsys.readouterr().err
        assert count(bulk, "MATCH (n) RETURN count(n)") == 1


@pytest.mark.slow
def test_a_killed_bulk_load_leaves_it_empty_and_a_rerun_completes_it(
    driver: Driver,
    neo4j_env: object,
    local: LocalNeo4jConfig,
    archive: Path,
    tmp_path: Path,
) -> None:
    assert main(["load", *KEEP, str(archive), "--rejects", os.devnull]) == 0
    online = export(driver)
    emptied(local).close()
    env = {
        **os.environ,
        "NEO4J_URI": local_uri(local),
        "PAPERS_GRAPH_DATA_DIR": str(local.data_dir),
    }
    command = [sys.executable, "-m", "server.cli", "load", "--bulk", *KEEP, str(archive),
               "--rejects", os.devnull]  # fmt: skip
    log = tmp_path / "bulk.log"
    with log.open("wb") as out:
        killed = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    staging = local.root / "bulk" / "home"
    while not staging.exists() and time.monotonic() < deadline:  # the importer is running
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    time.sleep(3)  # the importer dies with it (PR_SET_PDEATHSIG)
    assert not (local.root / "bulk" / "swap.json").exists()  # killed before the swap
    launch = last_launch(local.data_dir)
    assert launch is not None
    start(launch[0], quiet=True)  # as it ran (its port): the killed load had stopped it
    with GraphDatabase.driver(local_uri(local)) as bulk:
        assert count(bulk, "MATCH (n) WHERE NOT n:LoadLock RETURN count(n)") == 0
    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    with GraphDatabase.driver(local_uri(local)) as bulk:
        assert export(bulk) == online


def test_load_chooses_bulk_into_the_empty_local_database_and_says_so(
    driver: Driver,
    neo4j_env: Neo4jSettings,
    local: LocalNeo4jConfig,
    archive: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["load", *KEEP, str(archive), "--rejects", os.devnull]) == 0  # the suite's Neo4j
    assert "online load: the target " in capsys.readouterr().err  # not the local one
    online = export(driver)

    emptied(local).close()
    bulk_args(local, monkeypatch)
    monkeypatch.setenv("PAPERS_GRAPH_BULK_MIN_BYTES", "0")  # this archive is small
    assert main(["load", *KEEP, str(archive), "--rejects", os.devnull]) == 0
    captured = capsys.readouterr()
    assert f"bulk load: the local Neo4j in {local.data_dir} is empty" in captured.err
    assert "bulk load into the local Neo4j" in captured.out + captured.err
    with GraphDatabase.driver(local_uri(local)) as bulk:
        assert export(bulk) == online


def test_load_goes_online_into_another_database_of_the_local_neo4j_and_names_it(
    local: LocalNeo4jConfig, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERS_GRAPH_BULK_MIN_BYTES", "0")
    emptied(local).close()
    other = choose_path(Neo4jSettings(uri=local_uri(local), database="papers"), local.data_dir,
                        [archive])  # fmt: skip
    assert other.describe() == "online load: the target database is 'papers', not `neo4j`"
    default = choose_path(Neo4jSettings(uri=local_uri(local)), local.data_dir, [archive])
    assert default.describe() == f"bulk load: the local Neo4j in {local.data_dir} is empty"


def test_load_goes_online_into_a_database_that_is_not_empty_or_when_told(
    local: LocalNeo4jConfig,
    archive: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with emptied(local) as bulk:
        bulk.execute_query("CREATE (:Author {name: 'Someone'})")
        bulk_args(local, monkeypatch)
        capsys.readouterr()
        assert main(["load", *KEEP, str(archive), "--rejects", os.devnull]) == 0
        assert "online load: the database holds 1 node " in capsys.readouterr().err
        assert count(bulk, "MATCH (n:Paper) RETURN count(n)") > 0
    with emptied(local) as bulk:  # a small archive: online is quicker, whatever the database
        assert main(["load", *KEEP, str(archive), "--rejects", os.devnull]) == 0
        assert "online load: the dumps are small (" in capsys.readouterr().err
        assert status(local).running
        assert count(bulk, "MATCH (n:Paper) RETURN count(n)") > 0
    monkeypatch.setenv("PAPERS_GRAPH_BULK_MIN_BYTES", "0")
    with emptied(local) as bulk:
        assert main(["load", "--online", str(archive), "--rejects", os.devnull]) == 0
        err = capsys.readouterr().err
        assert "bulk load" not in err and "online load: " not in err  # forced: nothing chosen
        assert count(bulk, "MATCH (n:Paper) RETURN count(n)") > 0
        assert status(local).running  # the online path never stops it


def test_bulk_and_online_together_are_refused(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["load", "--bulk", "--online", str(archive)])
    assert exit_.value.code == 2
    assert "argument --online: not allowed with argument --bulk" in capsys.readouterr().err
