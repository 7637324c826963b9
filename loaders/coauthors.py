"""The kept co-author rankings (graphdb/model.py COAUTHOR_LINK): each author of many papers
links to every co-author with their number of shared papers, so that the API reads the top of
the ranking from an index instead of walking every paper.

An author's links change only when one of their papers gains or loses an author or is
rewritten, and the writers flag every author of such a paper (relatedStale, before and after).
So the authors to redo are the flagged ones that have or should have links, and those of enough
papers that never had them (a graph loaded before they were kept, or a lower threshold). Each
author is redone whole in one transaction: a killed load leaves some authors done and the
others flagged, and the next load redoes those.
"""

from __future__ import annotations

from typing import Final, LiteralString

from neo4j import Driver

from loaders.write.sink import WriteCounts

KEEP_COAUTHORS: Final[LiteralString] = """
CALL () {
  MATCH (a:Author {relatedStale: true})
  WHERE a.paperCount >= $keepFrom OR a.coauthorsKept IS NOT NULL
  RETURN a
  UNION
  MATCH (a:Author) WHERE a.paperCount >= $keepFrom AND a.coauthorsKept IS NULL
  RETURN a
}
CALL (a) {
  CALL (a) {
    MATCH (a)-[old:COAUTHOR]->()
    DELETE old
  }
  REMOVE a.coauthorsKept
  WITH a WHERE a.paperCount >= $keepFrom
  CALL (a) {
    MATCH (a)<-[:AUTHORED_BY]-(:Paper)-[:AUTHORED_BY]->(b:Author) WHERE b <> a
    WITH a, b, count(*) AS shared
    CREATE (a)-[:COAUTHOR {of: a.name, shared: shared}]->(b)
  }
  SET a.coauthorsKept = true
} IN TRANSACTIONS OF 20 ROWS
RETURN count(a) AS n
"""


def keep_coauthors(driver: Driver, database: str | None, counts: WriteCounts,
                   keep_from: int) -> int:  # fmt: skip
    """Redo the co-author links of the authors that need it; returns how many were redone."""
    with driver.session(database=database) as session:
        result = session.run(KEEP_COAUTHORS, keepFrom=keep_from)
        redone = int(result.single(strict=True)["n"])
        counts.add(result.consume().counters)
    return redone
