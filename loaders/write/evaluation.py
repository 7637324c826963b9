"""Cypher for evaluation-tables: tasks (tree and areas), datasets, and leaderboard results.

A leaderboard table (task, dataset) is replaced as a whole: results no longer
in it are deleted, changed ones rewritten, unchanged ones (same content hash)
left alone. Results are joined to their papers after all files are loaded
(loaders/phases.py), so the join does not depend on the order of the dumps.
Community results (`source: 'COMMUNITY'`, approved submissions: graphdb/contributions.py)
are on the boards too and are never deleted here; the load's last phase ranks them again.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, SummaryCounters

UPSERT_TASKS = """
UNWIND $rows AS row
MERGE (t:Task {name: row.name})
SET t.description = coalesce(t.description, row.props.description),
    t.synonyms = CASE WHEN size(row.props.synonyms) > 0 THEN row.props.synonyms ELSE t.synonyms END,
    t.sourceLinkTitle = coalesce(t.sourceLinkTitle, row.props.sourceLinkTitle),
    t.sourceLinkUrl = coalesce(t.sourceLinkUrl, row.props.sourceLinkUrl)
WITH t, row
CALL (t, row) {
  WITH row WHERE row.parent IS NOT NULL
  MERGE (parent:Task {name: row.parent})
  MERGE (t)-[:SUBTASK_OF]->(parent)
}
CALL (t, row) {
  UNWIND row.areas AS area
  MERGE (a:Area {name: area})
  MERGE (t)-[:IN_AREA]->(a)
    ON CREATE SET a.countStale = true
}
"""

UPSERT_EVALUATION_DATASETS = """
UNWIND $rows AS row
MERGE (d:Dataset {name: row.name})
SET d.description = coalesce(d.description, row.props.description),
    d.evaluationLinks = row.props.evaluationLinks,
    d.citations = row.props.citations
WITH d, row
MATCH (t:Task {name: row.task})
MERGE (d)-[:FOR_TASK]->(t)
"""

REPLACE_TABLES = """
UNWIND $rows AS tbl
MATCH (t:Task {name: tbl.task})
MATCH (d:Dataset {name: tbl.dataset})
CALL (t, d, tbl) {
  MATCH (t)<-[:ON_TASK]-(old:Result)-[:ON_DATASET]->(d)
  WHERE NOT old.key IN tbl.keys AND old.source IS NULL
  OPTIONAL MATCH (old)<-[:REPORTS]-(p:Paper)
  SET p.datasetsStale = true
  DETACH DELETE old
}
CALL (t, d, tbl) {
  UNWIND tbl.results AS res
  MERGE (r:Result {key: res.key})
  WITH r, res WHERE r.contentHash IS NULL OR r.contentHash <> res.contentHash
  SET r += res.props, r.contentHash = res.contentHash
  MERGE (r)-[:ON_TASK]->(t)
  MERGE (r)-[:ON_DATASET]->(d)
}
"""

_QUERIES = (
    ("task", UPSERT_TASKS),
    ("dataset", UPSERT_EVALUATION_DATASETS),
    ("table", REPLACE_TABLES),
)


def write_evaluation(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> list[SummaryCounters]:
    counters = []
    for kind, query in _QUERIES:  # tasks first: datasets and tables match them
        of_kind = [row for row in rows if row["kind"] == kind]
        if of_kind:
            counters.append(tx.run(query, rows=of_kind).consume().counters)
    return counters
