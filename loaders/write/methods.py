"""Cypher for methods.json: methods (authoritative over papers' copies), collections, origin."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, SummaryCounters

from loaders.write.references import resolve_paper_refs

UPSERT_METHODS = """
UNWIND $rows AS row
MERGE (m:Method {name: row.name})
SET m += row.props, m.describedBy = 'methods'
WITH m, row
CALL (m) {
  MATCH (m)-[old:IN_COLLECTION|INTRODUCED_IN]->()
  DELETE old
}
CALL (m, row) {
  UNWIND row.collections AS c
  MERGE (col:Collection {name: c.name})
  SET col.area = coalesce(c.area, col.area), col.areaId = coalesce(c.areaId, col.areaId)
  MERGE (m)-[:IN_COLLECTION]->(col)
}
CALL (m, row) {
  WITH row.paper AS ref WHERE ref.slug IS NOT NULL
  MERGE (p:Paper {slug: ref.slug})
    ON CREATE SET p.title = coalesce(ref.title, ref.slug), p.titleKey = ref.titleKey, p.stub = true
  MERGE (m)-[:INTRODUCED_IN]->(p)
}
"""


def write_methods(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> list[SummaryCounters]:
    resolve_paper_refs(tx, rows)
    return [tx.run(UPSERT_METHODS, rows=rows).consume().counters]
