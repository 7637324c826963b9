"""Cypher for datasets.json: datasets, their tasks, and the paper that introduced them.

A dataset's introducing paper is one of that paper's datasets, so a change
flags the papers concerned for the paper-datasets step.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, SummaryCounters

from loaders.write.references import resolve_paper_refs

UPSERT_DATASETS = """
UNWIND $rows AS row
MERGE (d:Dataset {name: row.name})
SET d += row.props
WITH d, row
CALL (d) {
  MATCH (d)-[old:FOR_TASK]->()
  DELETE old
}
CALL (d) {
  MATCH (d)-[old:INTRODUCED_IN]->(p:Paper)
  SET p.datasetsStale = true
  DELETE old
}
CALL (d, row) {
  UNWIND row.tasks AS name
  MERGE (t:Task {name: name})
  MERGE (d)-[:FOR_TASK]->(t)
}
CALL (d, row) {
  WITH row.paper AS ref WHERE ref.slug IS NOT NULL
  MERGE (p:Paper {slug: ref.slug})
    ON CREATE SET p.title = coalesce(ref.title, ref.slug), p.titleKey = ref.titleKey, p.stub = true
  SET p.datasetsStale = true
  MERGE (d)-[:INTRODUCED_IN]->(p)
}
"""


def write_datasets(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> list[SummaryCounters]:
    resolve_paper_refs(tx, rows)
    return [tx.run(UPSERT_DATASETS, rows=rows).consume().counters]
