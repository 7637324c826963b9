"""Whole-graph snapshots for comparing two loads, and a loader runner for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver

from graphdb.model import NODE_KEYS

# Bookkeeping that is expected to differ between two equal graphs: none. Every
# property, including content hashes, must match; flags must all be cleared.
SNAPSHOT_NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""
SNAPSHOT_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN labels(a) AS startLabels, properties(a) AS start, type(r) AS type,
       properties(r) AS props, labels(b) AS endLabels, properties(b) AS end
"""


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, float):
        return round(value, 9)
    return str(value) if not isinstance(value, int | str | bool | type(None)) else value


def _key(labels: list[str], props: dict[str, Any]) -> tuple[str, Any]:
    label = sorted(labels)[0]
    return label, props.get(NODE_KEYS.get(label, ""))


def snapshot(driver: Driver) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with all properties, ends named by their keys; sorted."""
    nodes, _, _ = driver.execute_query(SNAPSHOT_NODES)
    rels, _, _ = driver.execute_query(SNAPSHOT_RELATIONSHIPS)
    node_list = sorted((tuple(sorted(r["labels"])), _freeze(r["props"])) for r in nodes)
    rel_list = sorted(
        (
            _key(r["startLabels"], r["start"]),
            r["type"],
            _freeze(r["props"]),
            _key(r["endLabels"], r["end"]),
        )
        for r in rels
    )
    return node_list, rel_list


def empty(driver: Driver) -> None:
    with driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def count(driver: Driver, query: str, **params: Any) -> int:
    records, _, _ = driver.execute_query(query, params)
    return int(records[0][0])


def fixture_tables(target: Path) -> list[Path]:
    """The real evaluation-table samples, named so the loader recognises them."""
    source = Path(__file__).parent.parent / "fixtures" / "evaluation-tables"
    target.mkdir(parents=True, exist_ok=True)
    copies = []
    for path in sorted(source.glob("*.json")):
        copy = target / f"{path.stem}-evaluation-tables.json"
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    return copies
