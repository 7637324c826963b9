"""The API's single-node and small-list Cypher, named and in one place (lists are in lists.py).

Every query takes `$keys` and returns one row per key that has data
(`RETURN key, ... AS node | nodes | value`); the DataLoaders put rows back in
key order. Client values arrive only as parameters.
"""

from __future__ import annotations

from typing import Final

PAPERS_BY_SLUG: Final = """
UNWIND $keys AS key
MATCH (p:Paper {slug: key})
RETURN key, p {.*} AS node
"""

# Several papers can share an arXiv id in the archive; the first by slug wins, every time.
PAPERS_BY_ARXIV_ID: Final = """
UNWIND $keys AS key
CALL (key) {
  MATCH (p:Paper {arxivId: key})
  RETURN p ORDER BY p.slug LIMIT 1
}
RETURN key, p {.*} AS node
"""

AUTHORS_BY_NAME: Final = (
    "UNWIND $keys AS key MATCH (n:Author {name: key}) RETURN key, n {.*} AS node"
)
TASKS_BY_NAME: Final = "UNWIND $keys AS key MATCH (n:Task {name: key}) RETURN key, n {.*} AS node"
DATASETS_BY_NAME: Final = (
    "UNWIND $keys AS key MATCH (n:Dataset {name: key}) RETURN key, n {.*} AS node"
)
METHODS_BY_NAME: Final = (
    "UNWIND $keys AS key MATCH (n:Method {name: key}) RETURN key, n {.*} AS node"
)
REPOSITORIES_BY_URL: Final = (
    "UNWIND $keys AS key MATCH (n:Repository {url: key}) RETURN key, n {.*} AS node"
)
RESULTS_BY_KEY: Final = "UNWIND $keys AS key MATCH (n:Result {key: key}) RETURN key, n {.*} AS node"

# Whole-request statements (execution/compile.py) start from one node, bound to `found`: the
# same node the lookups above find for the same key.
WHOLE_PAPER_BY_SLUG: Final = "MATCH (found:Paper {slug: $key}) WITH found LIMIT 1"
WHOLE_PAPER_BY_ARXIV_ID: Final = (
    "MATCH (found:Paper {arxivId: $key}) WITH found ORDER BY found.slug LIMIT 1"
)
WHOLE_AUTHOR_BY_NAME: Final = "MATCH (found:Author {name: $key}) WITH found LIMIT 1"
WHOLE_TASK_BY_NAME: Final = "MATCH (found:Task {name: $key}) WITH found LIMIT 1"
WHOLE_DATASET_BY_NAME: Final = "MATCH (found:Dataset {name: $key}) WITH found LIMIT 1"
WHOLE_METHOD_BY_NAME: Final = "MATCH (found:Method {name: $key}) WITH found LIMIT 1"
WHOLE_REPOSITORY_BY_URL: Final = "MATCH (found:Repository {url: $key}) WITH found LIMIT 1"

# A task merged from several files can have several parents: the first by name.
TASK_PARENT: Final = """
UNWIND $keys AS key
MATCH (:Task {name: key})-[:SUBTASK_OF]->(n:Task)
WITH key, n ORDER BY n.name
WITH key, collect(n)[0] AS n
RETURN key, n {.*} AS node
"""
TASK_AREAS: Final = """
UNWIND $keys AS key
MATCH (:Task {name: key})-[:IN_AREA]->(n:Area)
WITH key, n ORDER BY n.name
RETURN key, collect(n {.*}) AS nodes
"""
DATASET_INTRODUCED_IN: Final = """
UNWIND $keys AS key
MATCH (:Dataset {name: key})-[:INTRODUCED_IN]->(n:Paper)
RETURN key, n {.*} AS node
"""
METHOD_INTRODUCED_IN: Final = """
UNWIND $keys AS key
MATCH (:Method {name: key})-[:INTRODUCED_IN]->(n:Paper)
RETURN key, n {.*} AS node
"""
METHOD_COLLECTIONS: Final = """
UNWIND $keys AS key
MATCH (:Method {name: key})-[:IN_COLLECTION]->(n:Collection)
WITH key, n ORDER BY n.name
RETURN key, collect(n {.*}) AS nodes
"""
RESULT_PAPER: Final = """
UNWIND $keys AS key
MATCH (:Result {key: key})<-[:REPORTS]-(n:Paper)
RETURN key, n {.*} AS node
"""

# The metrics of a leaderboard (task, dataset), in the order of the archive's table.
# A leaderboard's metrics in the archive's column order, each with its direction (the loader
# gives every result of a metric the same one): the direction needs no statement of its own.
LEADERBOARD_METRICS: Final = """
UNWIND $keys AS key
MATCH (r:Result {task: key.task, dataset: key.dataset})
WITH key, r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position,
     collect(r.higherIsBetter)[0] AS higherIsBetter
ORDER BY position, metric
RETURN key, collect({metric: metric, higherIsBetter: higherIsBetter}) AS value
"""

# The node of a global id (type, key) -> its elementId, for graph walks that start anywhere.
ELEMENT_ID_BY_KEY: Final[dict[str, str]] = {
    "Paper": "UNWIND $keys AS key MATCH (n:Paper {slug: key}) RETURN key, elementId(n) AS value",
    "Author": "UNWIND $keys AS key MATCH (n:Author {name: key}) RETURN key, elementId(n) AS value",
    "Task": "UNWIND $keys AS key MATCH (n:Task {name: key}) RETURN key, elementId(n) AS value",
    "Dataset": "UNWIND $keys AS key MATCH (n:Dataset {name: key}) RETURN key, elementId(n) AS value",
    "Method": "UNWIND $keys AS key MATCH (n:Method {name: key}) RETURN key, elementId(n) AS value",
    "Repository": "UNWIND $keys AS key MATCH (n:Repository {url: key}) RETURN key, elementId(n) AS value",
    "Result": "UNWIND $keys AS key MATCH (n:Result {key: key}) RETURN key, elementId(n) AS value",
}

NODE_BY_KEY: Final[dict[str, str]] = {
    "Paper": PAPERS_BY_SLUG,
    "Author": AUTHORS_BY_NAME,
    "Task": TASKS_BY_NAME,
    "Dataset": DATASETS_BY_NAME,
    "Method": METHODS_BY_NAME,
    "Repository": REPOSITORIES_BY_URL,
    "Result": RESULTS_BY_KEY,
}

# Nodes within N hops (lazily, so LIMIT stops the walk early even at a hub), then the
# relationships among them. Areas and collections are left out: they are not entities.
_NEIGHBORHOOD = """
MATCH (start) WHERE elementId(start) = $start
CALL (start) {{
  MATCH (start)-[*1..{hops}]-(m)
  WHERE NOT m:Area AND NOT m:Collection
  RETURN DISTINCT m LIMIT $limit
}}
WITH start, collect(m) AS found
WITH [start] + found AS members
CALL (members) {{
  UNWIND members AS a
  MATCH (a)-[r]->(b)
  WHERE b IN members
  RETURN collect({{type: type(r), source: elementId(a), target: elementId(b)}}) AS edges
}}
RETURN [x IN members | {{id: elementId(x), labels: labels(x), props: properties(x)}}] AS nodes, edges
"""
NEIGHBORHOOD: Final[dict[int, str]] = {hops: _NEIGHBORHOOD.format(hops=hops) for hops in (1, 2, 3)}

_SHORTEST_PATH = """
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = shortestPath((a)-[*..{hops}]-(b))
RETURN [x IN nodes(p) | {{id: elementId(x), labels: labels(x), props: properties(x)}}] AS nodes,
       [r IN relationships(p) | {{type: type(r), source: elementId(startNode(r)), target: elementId(endNode(r))}}] AS edges
LIMIT 1
"""
SHORTEST_PATH: Final[dict[int, str]] = {
    hops: _SHORTEST_PATH.format(hops=hops) for hops in range(1, 7)
}

SEARCH: Final = """
CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node, score
WITH node AS n, score
WHERE n.stub IS NULL
  AND ($after IS NULL OR score < $after[0] OR (score = $after[0] AND n.slug > $after[1]))
RETURN n {.*} AS node, score
ORDER BY score DESC, n.slug
LIMIT $limit
"""
SEARCH_COUNT: Final = """
CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node
WHERE node.stub IS NULL
RETURN count(node) AS total
"""

# The one-statement lane (schema/lane) -------------------------------------------------
# A search's rows: `n`, `edge` (its score) and `sortKey`, best first, strictly after `$after`.
SEARCH_ROWS: Final = """
  CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node, score
  WITH node AS n, score
  WHERE n.stub IS NULL
    AND ($after IS NULL OR score < $after[0] OR (score = $after[0] AND n.slug > $after[1]))
  WITH n, score ORDER BY score DESC, n.slug LIMIT $limit
  RETURN n, {score: score} AS edge, [score, n.slug] AS sortKey"""
SEARCH_TOTAL: Final = (
    "CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node "
    "WHERE node.stub IS NULL RETURN count(node)"
)

# A leaderboard's metrics in the archive's column order with their directions, as
# LEADERBOARD_METRICS; `{task}`, `{dataset}`: expressions, `{name}`: what it binds.
BOARD_METRICS: Final = (
    "MATCH (r:Result {{task: {task}, dataset: {dataset}}}) "
    "WITH r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position, "
    "collect(r.higherIsBetter)[0] AS higherIsBetter ORDER BY position, metric "
    "RETURN collect({{metric: metric, higherIsBetter: higherIsBetter}}) AS {name}"
)

# The subgraph around `start` (found by `{start}`), as NEIGHBORHOOD walks it, as one map.
_NEIGHBORHOOD_BLOCK = """OPTIONAL CALL () {{
  {{start}} WITH start LIMIT 1
  CALL (start) {{
    MATCH (start)-[*1..{hops}]-(m)
    WHERE NOT m:Area AND NOT m:Collection
    RETURN DISTINCT m LIMIT ${{limit}}
  }}
  WITH start, collect(m) AS found
  WITH [start] + found AS members
  CALL (members) {{
    UNWIND members AS a
    MATCH (a)-[r]->(b)
    WHERE b IN members
    RETURN collect({{type: type(r), source: elementId(a), target: elementId(b)}}) AS edges
  }}
  RETURN {{nodes: [x IN members | {{id: elementId(x), labels: labels(x), props: properties(x)}}],
          edges: edges}} AS {{column}}
}}"""
NEIGHBORHOOD_BLOCK: Final[dict[int, str]] = {
    hops: _NEIGHBORHOOD_BLOCK.format(hops=hops) for hops in (1, 2, 3)
}

# A shortest path between `a` and `b` (found by `{start}` and `{end}`); the node alone when
# both are the same; no row (null) when there is none within the hops.
_PATH_BLOCK = """OPTIONAL CALL () {{
  {{start}} WITH a LIMIT 1
  {{end}} WITH a, b LIMIT 1
  OPTIONAL CALL (a, b) {{
    WITH a, b WHERE a <> b
    MATCH p = shortestPath((a)-[*..{hops}]-(b))
    RETURN p LIMIT 1
  }}
  WITH a, b, p WHERE a = b OR p IS NOT NULL
  WITH CASE WHEN a = b THEN [a] ELSE nodes(p) END AS members,
       CASE WHEN a = b THEN [] ELSE relationships(p) END AS links
  RETURN {{nodes: [x IN members | {{id: elementId(x), labels: labels(x), props: properties(x)}}],
          edges: [r IN links | {{type: type(r), source: elementId(startNode(r)), target: elementId(endNode(r))}}]}} AS {{column}}
}}"""
PATH_BLOCK: Final[dict[int, str]] = {hops: _PATH_BLOCK.format(hops=hops) for hops in range(1, 7)}
