"""Cypher for links-between-papers-and-code: repositories and HAS_CODE links with their flags."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, SummaryCounters

# A link to a paper that the papers dump lacks keeps the paper as a stub with
# the link's title and arXiv id, so the link is not lost. A repository that gains a paper (or
# has no count yet) is flagged for the paper counts step (phases.py); so is a paper that gains
# a link or whose link turns official or not (codeStale: its features' code counts change).
UPSERT_CODE_LINKS = """
UNWIND $rows AS row
MERGE (p:Paper {slug: row.slug})
  ON CREATE SET p += row.paper, p.stub = true
MERGE (r:Repository {url: row.url})
SET r += row.repo
MERGE (p)-[h:HAS_CODE]->(r)
  ON CREATE SET r.countStale = true, p.codeStale = true
WITH p, r, h, row, h.official AS before
SET h += row.link
FOREACH (_ IN CASE WHEN coalesce(before, false) <> coalesce(h.official, false) THEN [1] ELSE [] END |
  SET p.codeStale = true)
FOREACH (_ IN CASE WHEN r.paperCount IS NULL AND r.countStale IS NULL THEN [1] ELSE [] END |
  SET r.countStale = true)
"""


def write_code_links(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> list[SummaryCounters]:
    return [tx.run(UPSERT_CODE_LINKS, rows=rows).consume().counters]
