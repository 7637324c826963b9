"""Related-paper links: (Paper)-[:RELATED_TO {score, reasons}]->(Paper), the top k per paper.

Scoring (Adamic-Adar over shared features)
------------------------------------------
Two papers are related by what they share: authors, tasks, methods and
datasets (a paper's datasets are those of its results and those it
introduced). Each shared feature f adds

    weight(f) = 1 / ln(degree(f))

where degree(f) is the number of papers having f. A task shared by 50,000
papers adds 1/ln(50000) = 0.09; an author shared by 20 papers adds
1/ln(20) = 0.33; a feature of two papers adds 1/ln(2) = 1.44. Features of a
single paper relate nothing. A paper's score with another is the sum over
the features they share, rounded to 9 decimals; its links are the k best
(default 10), ties broken by the other paper's slug, and each link stores the
score and its reasons: the shared features as "author:Name", "task:Name",
"method:Name", "dataset:Name", sorted.

Hubs
----
Walking every co-paper of a feature with 50,000 papers, for each of those
papers, costs 50,000² steps: features with more than `hub_degree` papers
(default 1,000) are not walked to find candidates. They still count: a
candidate found through a smaller feature gets every hub it shares added to
its score, and candidates are kept until it is certain that no hub bonus can
lift them into the top k (exact for all candidates). The one approximation: a
pair that shares only hubs is not found, which only matters to a paper with
nothing but hubs (its related list may then be short or empty).

Incremental recomputation
-------------------------
The writers flag (relatedStale) every paper whose features changed and every
feature gained or lost by a paper. Before scoring, each flagged feature flags
all of its papers (their scores with the changed paper, and the feature's
weight, changed). Exactly the papers whose top k can differ are recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, LiteralString

FEATURE_KINDS: Final = ("Author", "Task", "Method", "Dataset")

# A flagged feature flags its papers, then loses its flag (same transaction).
_EXPAND_STALE_FEATURES: Final[dict[str, LiteralString]] = {
    "Author": """
MATCH (f:Author {relatedStale: true})
WITH f LIMIT $batch
REMOVE f.relatedStale
WITH f
CALL (f) {
  MATCH (f)<-[:AUTHORED_BY]-(p:Paper)
  WHERE p.relatedStale IS NULL
  SET p.relatedStale = true
}
RETURN count(f) AS processed
""",
    "Task": """
MATCH (f:Task {relatedStale: true})
WITH f LIMIT $batch
REMOVE f.relatedStale
WITH f
CALL (f) {
  MATCH (f)<-[:ADDRESSES]-(p:Paper)
  WHERE p.relatedStale IS NULL
  SET p.relatedStale = true
}
RETURN count(f) AS processed
""",
    "Method": """
MATCH (f:Method {relatedStale: true})
WITH f LIMIT $batch
REMOVE f.relatedStale
WITH f
CALL (f) {
  MATCH (f)<-[:USES_METHOD]-(p:Paper)
  WHERE p.relatedStale IS NULL
  SET p.relatedStale = true
}
RETURN count(f) AS processed
""",
    "Dataset": """
MATCH (f:Dataset {relatedStale: true})
WITH f LIMIT $batch
REMOVE f.relatedStale
WITH f
CALL (f) {
  MATCH (f)<-[:USES_DATASET]-(p:Paper)
  WHERE p.relatedStale IS NULL
  SET p.relatedStale = true
}
RETURN count(f) AS processed
""",
}


def expand_stale_features_query(kind: str) -> LiteralString:
    return _EXPAND_STALE_FEATURES[kind]


# One batch of flagged papers: drop their links, score, write the top k.
COMPUTE_RELATED: Final = """
MATCH (p:Paper {relatedStale: true})
WITH p LIMIT $batch
REMOVE p.relatedStale
WITH collect(p) AS batch
CALL (batch) {
  UNWIND batch AS p
  CALL (p) {
    MATCH (p)-[old:RELATED_TO]->()
    DELETE old
  }
  CALL (p) {
    MATCH (p)-[:AUTHORED_BY|ADDRESSES|USES_METHOD|USES_DATASET]->(f)
    WITH f, COUNT { (f)<-[:AUTHORED_BY|ADDRESSES|USES_METHOD|USES_DATASET]-(:Paper) } AS degree
    WHERE degree >= 2
    WITH collect({node: f, weight: 1.0 / log(degree), hub: degree > $hubDegree}) AS features
    WITH [x IN features WHERE x.hub] AS hubs, [x IN features WHERE NOT x.hub] AS finders
    WITH hubs, finders, [h IN hubs | h.node] AS hubNodes,
         reduce(bound = 0.0, h IN hubs | bound + h.weight) AS hubBound
    UNWIND finders AS finder
    WITH hubs, hubNodes, hubBound, finder.node AS f, finder.weight AS weight
    MATCH (f)<-[:AUTHORED_BY|ADDRESSES|USES_METHOD|USES_DATASET]-(q:Paper)
    WHERE q <> p
    WITH hubs, hubNodes, hubBound, q, sum(weight) AS partial, collect(f) AS shared
    ORDER BY partial DESC
    WITH hubs, hubNodes, hubBound, collect({q: q, partial: partial, shared: shared}) AS candidates
    // keep only the candidates that could still reach the top k once hubs are added
    UNWIND [c IN candidates WHERE size(candidates) <= $k
              OR c.partial + hubBound >= candidates[$k - 1].partial] AS c
    WITH hubs, hubNodes, c.q AS q, c.partial AS partial, c.shared AS shared
    WITH hubs, q, partial, shared, COLLECT {
      MATCH (q)-[:AUTHORED_BY|ADDRESSES|USES_METHOD|USES_DATASET]->(x) WHERE x IN hubNodes RETURN x
    } AS sharedHubNodes
    WITH q, shared + sharedHubNodes AS sharedNodes,
         round(partial + reduce(s = 0.0, h IN hubs |
           s + CASE WHEN h.node IN sharedHubNodes THEN h.weight ELSE 0.0 END), 9) AS score
    ORDER BY score DESC, q.slug ASC
    LIMIT $k
    RETURN q, score, COLLECT {
      UNWIND sharedNodes AS n
      RETURN CASE
        WHEN n:Author THEN 'author:' WHEN n:Task THEN 'task:'
        WHEN n:Method THEN 'method:' ELSE 'dataset:' END + n.name AS reason
      ORDER BY reason
    } AS reasons
  }
  CREATE (p)-[:RELATED_TO {score: score, reasons: reasons}]->(q)
}
RETURN size(batch) AS processed
"""


@dataclass(frozen=True)
class RelatedSettings:
    k: int = 10
    hub_degree: int = 1_000
    batch: int = 500

    def params(self) -> dict[str, Any]:
        return {"k": self.k, "hubDegree": self.hub_degree, "batch": self.batch}
