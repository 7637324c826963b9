"""Cypher for papers-with-abstracts: Paper nodes and their ordered authors."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, SummaryCounters

# A paper's author list is replaced as a whole, so a newer dump that reorders or
# drops an author leaves exactly the new list.
UPSERT_PAPERS = """
UNWIND $rows AS row
MERGE (p:Paper {slug: row.slug})
SET p += row.props
WITH p, row
CALL (p) {
  MATCH (p)-[old:AUTHORED_BY]->()
  DELETE old
}
CALL (p, row) {
  UNWIND range(0, size(row.authors) - 1) AS position
  MERGE (a:Author {name: row.authors[position]})
  CREATE (p)-[:AUTHORED_BY {position: position}]->(a)
}
"""


def write_papers(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> list[SummaryCounters]:
    return [tx.run(UPSERT_PAPERS, rows=rows).consume().counters]
