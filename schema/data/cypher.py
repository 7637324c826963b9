"""The API's Cypher that is not a list (lists are in lists.py), named and in one place.

schema/lane/translate.py assembles a request's statement from these texts and the lists';
client values arrive only as parameters, and the `{name}` slots take only texts and
variable names the translation makes.
"""

from __future__ import annotations

from typing import Final

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

# A leaderboard's metrics in the archive's column order, each with its direction (the loader
# gives every result of a metric the same one); `{task}`, `{dataset}`: expressions, `{name}`:
# what it binds.
BOARD_METRICS: Final = (
    "MATCH (r:Result {{task: {task}, dataset: {dataset}}}) "
    "WITH r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position, "
    "collect(r.higherIsBetter)[0] AS higherIsBetter ORDER BY position, metric "
    "RETURN collect({{metric: metric, higherIsBetter: higherIsBetter}}) AS {name}"
)

# The subgraph around `start` (found by `{start}`) as one map: the nodes within the hops
# (lazily, so the limit stops the walk early even at a hub), areas and collections left out
# (they are not entities), then the relationships among them. `{member}`: clauses reading the
# lists each member's selection asks for (bound to `x`), `{own}`: the map of what they bound.
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
  CALL (members) {{
    UNWIND members AS x{{member}}
    RETURN collect({{id: elementId(x), labels: labels(x), props: properties(x), own: {{own}}}}) AS nodes
  }}
  RETURN {{nodes: nodes, edges: edges}} AS {{column}}
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
  CALL (members) {{
    UNWIND members AS x{{member}}
    RETURN collect({{id: elementId(x), labels: labels(x), props: properties(x), own: {{own}}}}) AS nodes
  }}
  RETURN {{nodes: nodes,
          edges: [r IN links | {{type: type(r), source: elementId(startNode(r)), target: elementId(endNode(r))}}]}} AS {{column}}
}}"""
PATH_BLOCK: Final[dict[int, str]] = {hops: _PATH_BLOCK.format(hops=hops) for hops in range(1, 7)}
