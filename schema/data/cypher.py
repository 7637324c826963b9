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
# The first page of a search: Lucene keeps only its best `$probe` hits (scoring and sorting
# every hit of a common word grows with the archive: 190 ms for 38,000 hits of 100,000 papers,
# 24 ms for the best 42). The page is exact when every hit came back, or when the row after the
# page scores above the last hit returned (no hit left out can tie with or beat a row shown);
# otherwise, when stubs took too many places, every hit is read as on later pages.
SEARCH_FIRST_ROWS: Final = """
  CALL () {
    CALL db.index.fulltext.queryNodes('paper_text', $query, {limit: $probe}) YIELD node, score
    RETURN collect({n: node, score: score}) AS top
  }
  WITH top, [t IN top WHERE t.n.stub IS NULL] AS kept
  WITH kept, size(top) < $probe
       OR (size(kept) >= $limit AND kept[$limit - 1].score > top[size(top) - 1].score) AS exact
  CALL (kept, exact) {
    WITH kept, exact WHERE exact
    UNWIND kept AS t
    WITH t.n AS n, t.score AS score ORDER BY score DESC, n.slug LIMIT $limit
    RETURN n, score
  UNION
    WITH exact WHERE NOT exact
    CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node, score
    WITH node AS n, score WHERE n.stub IS NULL
    WITH n, score ORDER BY score DESC, n.slug LIMIT $limit
    RETURN n, score
  }
  RETURN n, {score: score} AS edge, [score, n.slug] AS sortKey"""
SEARCH_TOTAL: Final = (
    "CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node "
    "WHERE node.stub IS NULL RETURN count(node)"
)
# A search's hits counted up to `$atMost` (`hitCount`), as {count, exact}: Lucene hands over only
# its best `$probe` (twice `$atMost` and one), so the time is bounded whatever the word. More
# than `$atMost` papers among them: `$atMost`, not exact; else exact when every hit came back,
# and otherwise (stubs took over half the places) every hit is counted, as SEARCH_TOTAL does.
# One row even after a clause that keeps none (the arXiv branch of translate.py's search).
SEARCH_HIT_COUNT: Final = """
  CALL () {
    CALL db.index.fulltext.queryNodes('paper_text', $query, {limit: $probe}) YIELD node
    RETURN count(node) AS probed, count(CASE WHEN node.stub IS NULL THEN 1 END) AS kept
  }
  CALL (probed, kept) {
    WITH probed, kept WHERE probed < $probe OR kept > $atMost
    RETURN CASE WHEN kept > $atMost THEN {count: $atMost, exact: false}
                ELSE {count: kept, exact: true} END AS hits
  UNION
    WITH probed, kept WHERE probed >= $probe AND kept <= $atMost
    CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node
    WITH count(CASE WHEN node.stub IS NULL THEN 1 END) AS papers
    RETURN CASE WHEN papers > $atMost THEN {count: $atMost, exact: false}
                ELSE {count: papers, exact: true} END AS hits
  }
  RETURN head(collect(hits))"""

# A leaderboard's metrics in the archive's column order, each with its direction (the loader
# gives every result of a metric the same one); `{task}`, `{dataset}`: expressions, `{name}`:
# what it binds.
BOARD_METRICS: Final = (
    "MATCH (r:Result {{task: {task}, dataset: {dataset}}}) "
    "WITH r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position, "
    "collect(r.higherIsBetter)[0] AS higherIsBetter ORDER BY position, metric "
    "RETURN collect({{metric: metric, higherIsBetter: higherIsBetter}}) AS {name}"
)

# A result's date (Result.date): the row's own paper date (parsed by the loader), else the
# publication date of its paper (Result.paper: the first by slug). `{n}`: the result.
RESULT_DATE: Final = (
    "coalesce({n}.rowDate, COLLECT {{ MATCH (p:Paper)-[:REPORTS]->({n}) "
    "RETURN p.published ORDER BY p.slug LIMIT 1 }}[0])"
)

# Per-year counts (`papersByYear`, a paper connection's `byYear`): after clauses binding each
# paper `n` once, the years that have papers, oldest first, as [year, papers] pairs bound to
# `{name}` ([] when there is none: a non-grouping aggregation answers one row even of no rows).
PAPERS_BY_YEAR: Final = (
    " WITH n.published.year AS year WHERE year IS NOT NULL"
    " WITH year, count(*) AS papers ORDER BY year"
    " RETURN collect([year, papers]) AS {name}"
)
# An area's papers (Area.papersByYear), from `parent`, the area: those of its tasks, each once.
AREA_PAPERS: Final = "MATCH (parent)<-[:IN_AREA]-(:Task)<-[:ADDRESSES]-(n:Paper) WITH DISTINCT n"
# A search's papers, every one it finds (`byYear` of a search), as SEARCH_TOTAL counts them.
SEARCH_PAPERS: Final = (
    "CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node "
    "WITH node AS n WHERE n.stub IS NULL"
)

# Root `stats`. A label's nodes: Neo4j answers this from its count store (one number read,
# whatever the size). `{label}`: a label of the model, `{name}`: what it binds.
COUNT_OF_LABEL: Final = "MATCH (x:{label}) RETURN count(x) AS {name}"
# The numbers the loader keeps (graphdb/counts.py), bound to `kept` (null on a graph loaded
# before they were kept: then each is counted live, by `{live}`, under a guard that reads
# nothing when the node is there).
KEPT_COUNTS: Final = (
    "OPTIONAL CALL () {{ MATCH (kept:{label} {{name: '{key}'}}) RETURN kept LIMIT 1 }}"
)
KEPT_COUNT: Final = (
    "OPTIONAL CALL (kept) {{ WITH kept WHERE kept IS NULL CALL () {{ {live} AS {name} }} "
    "RETURN {name} }}"
)

# An area's number of tasks: the degree Neo4j keeps. `{n}`: the area.
AREA_TASK_COUNT: Final = "COUNT {{ ({n})<-[:IN_AREA]-() }}"

# A task's ancestors (a Link: `{v}` the task, `{n}` each ancestor with its `depth`, 1 for the
# parent): the chain of first parents by name (as Task.parent picks one), up to 16 levels. A task
# merged from several files may have several parents, and the archive's tree may loop: the chain
# is the longest path whose every step goes to its task's first parent and that visits no task
# twice.
TASK_ANCESTORS: Final = (
    "MATCH chain = ({v})-[:SUBTASK_OF*1..16]->(:Task) "
    "WHERE all(link IN relationships(chain) WHERE NOT EXISTS {{ "
    "MATCH (child:Task)-[:SUBTASK_OF]->(other:Task) "
    "WHERE child = startNode(link) AND other.name < endNode(link).name }}) "
    "AND all(i IN range(0, length(chain) - 1) WHERE NOT nodes(chain)[i] IN nodes(chain)[i + 1..]) "
    "WITH chain ORDER BY length(chain) DESC LIMIT 1 "
    "UNWIND range(1, length(chain)) AS depth WITH nodes(chain)[depth] AS {n}, depth"
)

# The typeahead's rows, best first (the score orders by match, then popularity: graphdb/
# suggest.py), then by name: each suggested node `x` with its `score`. Lucene ranks
# `$candidates` (a few more than `$first`, so that names order the ties among them).
SUGGEST_ROWS: Final = """CALL db.index.fulltext.queryNodes('suggest', $query, {limit: $candidates})
    YIELD node AS x, score
  WITH x, score ORDER BY score DESC, coalesce(x.title, x.name), coalesce(x.slug, '') LIMIT $first"""

# A leaderboard's parts; `{task}`, `{dataset}`, `{metric}`: expressions naming it, `{name}`:
# what a part binds, `{n}`: the variable of each result it finds.
_BOARD_RESULTS = "MATCH (r:Result {{task: {task}, dataset: {dataset}, metric: {metric}}})"
BOARD_RESULT_COUNT: Final = _BOARD_RESULTS + " RETURN count(r) AS {name}"
# The first row (as LEADERBOARD_ROWS orders them) when it has a number.
BOARD_BEST: Final = (
    _BOARD_RESULTS + " WHERE r.rank IS NOT NULL WITH r AS {n} ORDER BY {n}.rank, {n}.key LIMIT 1"
)
# The rows that set a new best in date order (the rows of one date best first, so that only the
# best of them can), oldest first, bound to `{n}` one per row with their `position`. One pass
# (reduce) keeps the best so far; a row equal to it is not a new best.
BOARD_PROGRESSION: Final = (
    _BOARD_RESULTS
    + """ WHERE r.numericValue IS NOT NULL
    WITH r, coalesce(r.higherIsBetter, true) AS higher, """
    + RESULT_DATE.format(n="r").replace("{", "{{").replace("}", "}}")
    + """ AS day
    WITH r, higher, day WHERE day IS NOT NULL
    ORDER BY day, CASE WHEN higher THEN -r.numericValue ELSE r.numericValue END, r.key
    WITH reduce(run = {{best: null, rows: []}}, row IN collect({{r: r, higher: higher}}) |
      CASE WHEN run.best IS NULL
             OR (row.higher AND row.r.numericValue > run.best)
             OR (NOT row.higher AND row.r.numericValue < run.best)
           THEN {{best: row.r.numericValue, rows: run.rows + [row.r]}} ELSE run END).rows AS found
    UNWIND range(0, size(found) - 1) AS position
    WITH found[position] AS {n}, position"""
)

# Root `leaderboards`: the (task, dataset) pairs that have results, by task name then dataset
# name, as rows (`n` a map {task, dataset}, `edge`, `sortKey`) strictly after `$after`; `{start}`
# binds `t` and `d` (LEADERBOARDS_START: all of them, or of a task, of a dataset, or both).
LEADERBOARDS_ROWS: Final = """
  {start}
  WITH t, d, [t.name, d.name] AS sortKey
  WHERE $after IS NULL OR sortKey[0] > $after[0] OR (sortKey[0] = $after[0] AND sortKey[1] > $after[1])
  WITH t, d, sortKey ORDER BY t.name, d.name LIMIT $limit
  RETURN {task: t.name, dataset: d.name} AS n, null AS edge, sortKey"""
LEADERBOARDS_START: Final[dict[tuple[bool, bool], str]] = {
    # (task given, dataset given) -> the clauses binding t and d. All of them: the tasks in
    # name order from the cursor's (the index), each with its datasets.
    (False, False): """MATCH (t:Task) WHERE t.name >= coalesce($after[0], '')
  CALL (t) { MATCH (t)<-[:ON_TASK]-(:Result)-[:ON_DATASET]->(d:Dataset) RETURN DISTINCT d }""",
    (True, False): """MATCH (t:Task {name: $task})
  CALL (t) { MATCH (t)<-[:ON_TASK]-(:Result)-[:ON_DATASET]->(d:Dataset) RETURN DISTINCT d }""",
    (False, True): """MATCH (d:Dataset {name: $dataset})
  CALL (d) { MATCH (d)<-[:ON_DATASET]-(:Result)-[:ON_TASK]->(t:Task) RETURN DISTINCT t }""",
    (True, True): """MATCH (t:Task {name: $task}), (d:Dataset {name: $dataset})
  WHERE EXISTS { (t)<-[:ON_TASK]-(:Result)-[:ON_DATASET]->(d) }""",
}
# Their number, counted as they are listed (`{start}` as above, without a cursor).
LEADERBOARDS_TOTAL: Final = "{start} RETURN count(*)"

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
