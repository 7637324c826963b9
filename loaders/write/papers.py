"""Cypher for papers-with-abstracts: papers with their authors, tasks, methods and venue.

A record whose content hash matches the stored one is skipped: reloading a
dump rewrites only what changed. A changed paper's links are replaced as a
whole, and everything whose related-paper links may change is flagged: the
paper, and the features it had and has (authors, tasks, methods: their other
papers' scores change). Results are joined to papers after all files (phases.py). A paper
whose date changed flags its datasets too (`yearsStale`): their papers per year are kept
(graphdb/list_counts.py).

A paper's venue is `(Paper)-[:PUBLISHED_IN]->(Proceeding)-[:OF_CONFERENCE]->(Conference)`,
the proceeding named by the rule of graphdb.identifiers.parse_proceeding; a paper moved to
another proceeding flags the one it left and the one it joined (`countStale`): their counts,
their conferences' counts and years are recomputed after the files, and a proceeding or
conference left without papers is removed then (phases.py). `reproduces_paper` is
`(Paper)-[:REPRODUCES]->(Paper)`, a stub when the reproduced paper is not loaded (yet).

A task's, a method's and an author's links keep its name and the paper's date (graphdb/model.py
DATED_LINKS): they are rewritten with the paper, so a paper's new date reaches them.

The links are CREATEd, not MERGEd, and two overlapping writes of a paper still
link it once: the SET write-locks the paper before its old links are read, so
the second waits for the first to commit, then finds and replaces its links
(tests/test_overlapping_writes.py). MERGE measured about a fifth slower here.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, SummaryCounters

UPSERT_PAPERS = """
UNWIND $rows AS row
MERGE (p:Paper {slug: row.slug})
WITH p, row
WHERE p.sourceHash IS NULL OR p.sourceHash <> row.hash
WITH p, row, p.published AS publishedBefore
SET p += row.props, p.sourceHash = row.hash, p.stub = null, p.relatedStale = true
WITH p, row, publishedBefore
CALL (p, publishedBefore) {
  WITH p WHERE publishedBefore IS NOT NULL AND (p.published IS NULL OR p.published <> publishedBefore)
     OR publishedBefore IS NULL AND p.published IS NOT NULL
  MATCH (p)-[:USES_DATASET]->(d:Dataset)
  SET d.yearsStale = true
}
CALL (p) {
  MATCH (p)-[old:AUTHORED_BY|ADDRESSES|USES_METHOD]->(feature)
  SET feature.relatedStale = true
  DELETE old
}
CALL (p) {
  MATCH (p)-[old:PUBLISHED_IN]->(left:Proceeding)
  SET left.countStale = true
  DELETE old
}
CALL (p) {
  MATCH (p)-[old:REPRODUCES]->(:Paper)
  DELETE old
}
CALL (p, row) {
  WITH row.venue AS venue WHERE venue IS NOT NULL
  MERGE (c:Conference {name: venue.conference})
  MERGE (pr:Proceeding {name: venue.name})
    ON CREATE SET pr.conference = venue.conference, pr.year = venue.year
  MERGE (pr)-[:OF_CONFERENCE]->(c)
  SET pr.countStale = true
  CREATE (p)-[:PUBLISHED_IN]->(pr)
}
CALL (p, row) {
  WITH row.reproduces AS slug WHERE slug IS NOT NULL
  MERGE (target:Paper {slug: slug})
    ON CREATE SET target.title = slug, target.stub = true
  CREATE (p)-[:REPRODUCES]->(target)
}
CALL (p, row) {
  UNWIND range(0, size(row.authors) - 1) AS position
  MERGE (a:Author {name: row.authors[position]})
    ON CREATE SET a.paperCount = 1
    ON MATCH SET a.relatedStale = true
  CREATE (p)-[:AUTHORED_BY {position: position, name: a.name,
                            paperDate: coalesce(p.published, date('0001-01-01'))}]->(a)
}
CALL (p, row) {
  UNWIND row.tasks AS name
  MERGE (t:Task {name: name})
    ON CREATE SET t.paperCount = 1
    ON MATCH SET t.relatedStale = true
  CREATE (p)-[:ADDRESSES {name: name, paperDate: coalesce(p.published, date('0001-01-01'))}]->(t)
}
CALL (p, row) {
  UNWIND row.methods AS method
  MERGE (m:Method {name: method.name})
    ON CREATE SET m.paperCount = 1
    ON MATCH SET m.relatedStale = true
  CREATE (p)-[:USES_METHOD {name: method.name, paperDate: coalesce(p.published, date('0001-01-01'))}]->(m)
  // methods.json describes methods; a paper's copy only describes a method nothing described yet
  FOREACH (_ IN CASE WHEN m.describedBy IS NULL THEN [1] ELSE [] END |
    SET m += method.props, m.describedBy = 'papers'
    FOREACH (c IN CASE WHEN method.collection IS NULL THEN [] ELSE [method.collection] END |
      MERGE (col:Collection {name: c.name})
      SET col.description = coalesce(col.description, c.description),
          col.area = coalesce(col.area, c.area)
      MERGE (m)-[:IN_COLLECTION]->(col)))
}
"""


def write_papers(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> list[SummaryCounters]:
    return [tx.run(UPSERT_PAPERS, rows=rows).consume().counters]
