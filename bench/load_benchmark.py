"""Load benchmark: `papers-graph load` against the floor, on a generated archive.

    python bench/load_benchmark.py --papers 100000            # the default size
    python bench/load_benchmark.py --papers 600000            # the real archive's size
    python bench/load_benchmark.py --papers 600000 --mode both  # load --bulk, then load

It starts its own local Neo4j under .bench/ (never touching your database),
generates the archive once (cached in .bench/archives/), then:

1. loads it with `papers-graph load` in a child process: wall time, papers/s,
   peak RSS of the loader process (as the loader prints it), and the loader's own
   per-file and per-phase seconds;
2. reads back every node and relationship the load wrote (not timed);
3. empties the database and times the floor: the same nodes and relationships
   written by the bare minimum, one `UNWIND $batch ... CREATE` per batch of
   10,000 with all values precomputed (no parsing, no MERGE, no constraints;
   relationships find their ends through one range index);
4. prints the figures and the ratio loader / floor.

These machines are noisy: compare the ratio, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphdb.local.process import LocalNeo4jConfig, start, stop  # noqa: E402
from loaders.generate import generate_archive  # noqa: E402

BATCH = 10_000


def fresh_neo4j(config: LocalNeo4jConfig) -> str:
    """An empty database: deleting millions of relationships takes longer than a restart."""
    stop(config)
    shutil.rmtree(config.data_dir, ignore_errors=True)
    status = start(config, quiet=True)
    assert status.uri
    return status.uri


def run_loader(
    archive: Path, uri: str, bulk_data_dir: Path | None = None
) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB, and the loader's output (with `bulk_data_dir`: `load
    --bulk` into the local Neo4j there). The RSS is the loader's own, as it prints it: it
    measures each step's peak by resetting the kernel's mark, which wait4 would then only see
    the last of, and wait4 would count the bulk path's importer JVM, a child of the loader."""
    env = {**os.environ, "NEO4J_URI": uri, "COLUMNS": "160"}
    # the path forced either way: the bench Neo4j is empty and local, which load would bulk-load
    path = ["--online"]
    if bulk_data_dir is not None:
        path = ["--bulk", "--data-dir", str(bulk_data_dir)]
    started = time.monotonic()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server.cli",
            "load",
            *path,
            str(archive),
            "--rejects",
            str(archive.parent / "rejects.jsonl"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(output)
        raise SystemExit(f"the loader failed with exit code {proc.returncode}")
    own = re.search(r"peak RSS of the loader: ([\d,]+) MB", output)
    rss = float(own.group(1).replace(",", "")) if own else usage.ru_maxrss / 1024
    return wall, rss, output


def export_graph(
    driver: Driver,
) -> tuple[dict[tuple[str, ...], list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Every node (grouped by labels) and relationship (grouped by type), ends as floor ids."""
    nodes: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with driver.session() as session:
        for record in session.run(
            "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
        ):
            nodes[tuple(sorted(record["labels"]))].append(
                {"fid": record["id"], "props": record["props"]}
            )
        for record in session.run(
            "MATCH (a)-[r]->(b) RETURN elementId(a) AS s, elementId(b) AS e, type(r) AS type, properties(r) AS props"
        ):
            rels[record["type"]].append(
                {"s": record["s"], "e": record["e"], "props": record["props"]}
            )
    return nodes, rels


def run_floor(
    driver: Driver,
    nodes: dict[tuple[str, ...], list[dict[str, Any]]],
    rels: dict[str, list[dict[str, Any]]],
) -> float:
    with driver.session() as session:
        session.run("CREATE INDEX floor_fid IF NOT EXISTS FOR (n:_F) ON (n._fid)").consume()
        session.run("CALL db.awaitIndexes(300)").consume()
        started = time.monotonic()
        for labels, rows in nodes.items():
            label_text = ":".join(["_F", *labels])  # our own labels, not client input
            query = (
                f"UNWIND $rows AS row CREATE (n:{label_text}) SET n = row.props, n._fid = row.fid"
            )
            for i in range(0, len(rows), BATCH):
                session.execute_write(
                    lambda tx, q=query, b=rows[i : i + BATCH]: tx.run(q, rows=b).consume()
                )
        for rel_type, rows in rels.items():
            query = (
                "UNWIND $rows AS row MATCH (a:_F {_fid: row.s}) MATCH (b:_F {_fid: row.e}) "
                f"CREATE (a)-[r:{rel_type}]->(b) SET r = row.props"
            )
            for i in range(0, len(rows), BATCH):
                session.execute_write(
                    lambda tx, q=query, b=rows[i : i + BATCH]: tx.run(q, rows=b).consume()
                )
        return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="6g")
    parser.add_argument("--skip-floor", action="store_true", help="only the loader's figures")
    parser.add_argument(
        "--mode",
        choices=("online", "bulk", "both"),
        default="online",
        help="online: `load` and the floor (the default); bulk: `load --bulk` only; both: "
        "`load --bulk`, then `load` into a fresh Neo4j, in the same run",
    )
    args = parser.parse_args()

    bench = ROOT / ".bench"
    archive = bench / "archives" / f"papers-{args.papers}-seed-{args.seed}"
    if not (archive / "papers-with-abstracts.json.gz").exists():
        print(f"generating {args.papers:,} papers into {archive} ...", flush=True)
        t = time.monotonic()
        generate_archive(archive, args.papers, args.seed)
        print(f"  generated in {time.monotonic() - t:,.0f}s", flush=True)
    config = LocalNeo4jConfig(
        data_dir=bench / "neo4j", port=0, heap=args.heap, pagecache=args.pagecache
    )
    if args.mode != "online":
        return compare_bulk(args, archive, config)
    uri = fresh_neo4j(config)
    try:
        with GraphDatabase.driver(uri) as driver:
            print(f"loading with papers-graph load (Neo4j at {uri}) ...", flush=True)
            wall, rss, output = run_loader(archive, uri)
            print(output)
            counts = driver.execute_query(
                "CALL () { MATCH (n) RETURN count(n) AS nodes } "
                "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
            ).records[0]
            print(
                f"loader: {wall:,.1f}s wall, {args.papers / wall:,.0f} papers/s, peak RSS {rss:,.0f} MB; "
                f"graph: {counts['nodes']:,} nodes, {counts['rels']:,} relationships",
                flush=True,
            )
            if args.skip_floor:
                return 0
            nodes, rels = export_graph(driver)
        uri = fresh_neo4j(config)
        with GraphDatabase.driver(uri) as driver:
            floor = run_floor(driver, nodes, rels)
            related = len(rels.get("RELATED_TO", []))
            print(
                f"floor:  {floor:,.1f}s for the same {sum(map(len, nodes.values())):,} nodes and "
                f"{sum(map(len, rels.values())):,} relationships ({related:,} RELATED_TO)"
            )
            phases = dict(
                re.findall(
                    r"│ (related papers|join results to papers|paper datasets)\s+│.*?│\s+([\d.,]+) │ ok",
                    output,
                )
            )
            print(
                f"RESULT papers={args.papers} loader_s={wall:.1f} floor_s={floor:.1f} "
                f"ratio={wall / floor:.2f} papers_per_s={args.papers / wall:.0f} peak_rss_mb={rss:.0f} "
                f"related_s={phases.get('related papers', '?')}"
            )
    finally:
        stop(config)
    return 0


def graph_size(uri: str) -> tuple[int, int]:
    with GraphDatabase.driver(uri) as driver:
        record = driver.execute_query(
            "CALL () { MATCH (n) RETURN count(n) AS nodes } "
            "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
        ).records[0]
    return int(record["nodes"]), int(record["rels"])


def compare_bulk(args: argparse.Namespace, archive: Path, config: LocalNeo4jConfig) -> int:
    """`load --bulk` end to end (dumps in, Neo4j up with its indexes online, related links
    included), then with --mode both the online loader into a fresh Neo4j."""
    figures: dict[str, tuple[float, float]] = {}
    try:
        for mode in ("bulk", "online") if args.mode == "both" else ("bulk",):
            uri = fresh_neo4j(config)
            print(f"loading with papers-graph load{' --bulk' if mode == 'bulk' else ''} ...",
                  flush=True)  # fmt: skip
            wall, rss, output = run_loader(
                archive, uri, config.data_dir if mode == "bulk" else None
            )
            print(output)
            nodes, rels = graph_size(uri)
            figures[mode] = (wall, rss)
            print(f"{mode}: {wall:,.1f}s wall, {args.papers / wall:,.0f} papers/s, peak RSS "
                  f"{rss:,.0f} MB; graph: {nodes:,} nodes, {rels:,} relationships", flush=True)  # fmt: skip
    finally:
        stop(config)
    line = f"RESULT papers={args.papers}"
    for mode, (wall, rss) in figures.items():
        line += f" {mode}_s={wall:.1f} {mode}_rss_mb={rss:.0f}"
    if len(figures) == 2:
        line += f" speedup={figures['online'][0] / figures['bulk'][0]:.2f}"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
