"""API benchmark: typical requests over HTTP, each beside its floor.

    python bench/api_benchmark.py --papers 100000
    python bench/api_benchmark.py --papers 100000 600000   # both sizes, then each kind's growth

It runs its own Neo4j under .bench/api-neo4j (loading a generated archive of
--papers papers the first time), starts `papers-graph serve` in a child
process, and for each request kind measures p50 / p95 / p99 latency and requests/s
at concurrency 1 and 16 over HTTP. The floor of each kind is the same data
fetched by one hand-written Cypher query through the same Python driver, with
no GraphQL in between, measured the same way in the same run: at concurrency 1
in alternating blocks of 25 requests, at 16 one after the other.
The figure that matters is the ratio api / floor (these machines are noisy).
Given several sizes, it measures each in turn (its own Neo4j, loaded once, stopped after)
and ends with a table of every kind's p50 and p95 at concurrency 1 at each size, with the
ratio of the largest size's to the first's: a bounded page should not grow with the archive.

Beside the latencies it prints CPU milliseconds per request at concurrency 1:
the API server process's (from /proc, Linux only) against the floor's driver
work in this process. Neo4j's JIT warms up slowly, and a cold floor makes the
ratio look better than it is: every input runs both ways, pass after pass,
until the medians settle (at least --warmup-passes passes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import orjson
from neo4j import GraphDatabase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphdb.driver import open_async_driver  # noqa: E402
from graphdb.local.process import AlreadyRunning, LocalNeo4jConfig, start, stop  # noqa: E402
from graphdb.model import DATED_LINKS, KEEP_COAUTHORS_FROM  # noqa: E402
from graphdb.settings import Neo4jSettings  # noqa: E402
from loaders.generate import generate_archive  # noqa: E402
from schema.data import lists  # noqa: E402
from schema.data.lists import SortKey  # noqa: E402

QUERIES = {path.stem: path.read_text() for path in (ROOT / "docs" / "queries").glob("*.graphql")}

LEADERBOARD = """query Board($task: String!, $dataset: String!) {
  leaderboard(task: $task, dataset: $dataset) {
    metric higherIsBetter
    rows(first: 20) { nodes { rank model value numericValue paper { title arxivId } } }
  }
}"""

# The search of docs/queries/search.graphql (its hits counted up to 1,000), and the same with
# the exact `totalCount`, which counts every hit.
SEARCH_TOTAL = """query SearchTotal($query: String!) {
  search(query: $query, first: 10) {
    totalCount edges { score node { title arxivId published } } pageInfo { hasNextPage endCursor }
  }
}"""

# An author's page: their newest papers and co-authors (docs/queries/author-coauthors.graphql).
AUTHOR = QUERIES["author-coauthors"]

# A leaderboard's state-of-the-art chart: the rows that set a new best, oldest first.
PROGRESSION = """query Sota($task: String!, $dataset: String!) {
  leaderboard(task: $task, dataset: $dataset) {
    metric higherIsBetter progression { model value numericValue date }
  }
}"""

# The first page of a root list, newest first, and the page after a cursor: the papers of one
# publication date (the cursor is at its last paper) and the next.
PAPERS_LIST = """query Recent($after: String) {
  papers(first: 20, after: $after) { nodes { title published arxivId } }
}"""

# A root list filtered by a task and by having code, newest first.
FILTERED_LIST = """query Filtered($task: String!) {
  papers(first: 20, where: {task: $task, hasCode: true}) { nodes { title published arxivId } }
}"""

# The same with its total, as a task page shows "Papers (45,123)": a number the loader keeps.
FILTERED_TOTAL = """query FilteredTotal($task: String!) {
  papers(first: 20, where: {task: $task, hasCode: true}) { totalCount nodes { title published arxivId } }
}"""

# A method's page: its newest papers and their number, for the largest methods.
METHOD_PAPERS = """query MethodPapers($name: String!) {
  method(name: $name) { papers(first: 20) { totalCount nodes { title published arxivId } } }
}"""

# The typeahead of docs/queries/suggest.graphql, as a search box sends it while the user types.
SUGGEST = QUERIES["suggest"]

# A task's papers per year (a trend chart), as the loader keeps them.
PAPERS_BY_YEAR = (
    """query Trend($task: String!) { task(name: $task) { papersByYear { year count } } }"""
)

# The graph's numbers (a front page): the count store's and the loader's.
STATS = """{ stats { papers papersWithCode authors tasks datasets methods repositories results leaderboards } }"""

FLOORS: dict[str, str] = {
    "paper-page": """
MATCH (p:Paper {arxivId: $arxivId}) WITH p ORDER BY p.slug LIMIT 1
RETURN p {.title, .abstract, .published, .urlAbs, .urlPdf, .proceeding,
  authors: COLLECT { MATCH (p)-[r:AUTHORED_BY]->(a) RETURN a.name ORDER BY r.position LIMIT 20 },
  tasks: COLLECT { MATCH (p)-[:ADDRESSES]->(t) RETURN t.name ORDER BY t.name LIMIT 20 },
  methods: COLLECT { MATCH (p)-[:USES_METHOD]->(m) RETURN m {.name, .fullName} ORDER BY m.name LIMIT 20 },
  datasets: COLLECT { MATCH (p)-[:USES_DATASET]->(d) RETURN d.name ORDER BY d.name LIMIT 20 },
  repositoryCount: COUNT { (p)-[:HAS_CODE]->() },
  repositories: COLLECT { MATCH (p)-[h:HAS_CODE]->(r)
    RETURN {official: h.official, mentionedInPaper: h.mentionedInPaper, url: r.url, framework: r.framework}
    ORDER BY CASE WHEN h.official THEN 0 ELSE 1 END, r.url LIMIT 10 },
  results: COLLECT { MATCH (p)-[:REPORTS]->(r)
    RETURN r {.task, .dataset, .metric, .value, .rank, .model} ORDER BY r.task, r.dataset, r.metric LIMIT 50 },
  related: COLLECT { MATCH (p)-[e:RELATED_TO]->(q)
    RETURN {score: e.score, reasons: e.reasons, slug: q.slug, title: q.title, published: q.published}
    ORDER BY e.score DESC, q.slug LIMIT 5 }
} AS page
""",
    "author-coauthors": """
MATCH (a:Author {name: $name})
CALL (a) {
  MATCH (p:Paper)-[l:AUTHORED_BY]->() WHERE l.name = a.name AND l.paperDate IS NOT NULL
  WITH p ORDER BY l.name, l.paperDate DESC, p.slug LIMIT 10
  RETURN collect(p {.title, .published}) AS papers
}
CALL (a) {
  WITH a WHERE a.coauthorsKept IS NOT NULL
  CALL (a) {
    MATCH ()-[k:COAUTHOR]->(c) WHERE k.of = a.name AND k.shared IS NOT NULL
    WITH c, k ORDER BY k.of, k.shared DESC, c.name LIMIT 10
    RETURN collect({name: c.name, paperCount: c.paperCount, shared: k.shared}) AS coauthors
  }
  RETURN coauthors
UNION ALL
  WITH a WHERE a.coauthorsKept IS NULL
  CALL (a) {
    MATCH (a)<-[:AUTHORED_BY]-(:Paper)-[:AUTHORED_BY]->(c:Author) WHERE c <> a
    WITH c, count(*) AS shared ORDER BY shared DESC, c.name LIMIT 10
    RETURN collect({name: c.name, paperCount: c.paperCount, shared: shared}) AS coauthors
  }
  RETURN coauthors
}
RETURN a.name AS name, a.paperCount AS paperCount, COUNT { (a)<-[:AUTHORED_BY]-() } AS total, papers, coauthors
""",
    "leaderboard": """
MATCH (r:Result {task: $task, dataset: $dataset})
WITH r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position ORDER BY position, metric LIMIT 1
MATCH (r:Result {task: $task, dataset: $dataset, metric: metric})
WITH metric, r ORDER BY coalesce(r.rank, 2147483647), r.key LIMIT 20
OPTIONAL MATCH (p:Paper)-[:REPORTS]->(r)
RETURN metric, collect({rank: r.rank, model: r.model, value: r.value, number: r.numericValue,
                        higher: r.higherIsBetter, title: p.title, arxivId: p.arxivId}) AS rows
""",
    "progression": """
MATCH (r:Result {task: $task, dataset: $dataset})
WITH r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position ORDER BY position, metric LIMIT 1
MATCH (r:Result {task: $task, dataset: $dataset, metric: metric}) WHERE r.numericValue IS NOT NULL
WITH metric, r, coalesce(r.higherIsBetter, true) AS higher,
     coalesce(r.rowDate, COLLECT { MATCH (p:Paper)-[:REPORTS]->(r) RETURN p.published ORDER BY p.slug LIMIT 1 }[0]) AS day
WITH metric, r, higher, day WHERE day IS NOT NULL
ORDER BY day, CASE WHEN higher THEN -r.numericValue ELSE r.numericValue END, r.key
WITH metric, higher, collect({r: r, day: day}) AS rows
WITH metric, higher, reduce(run = {best: null, found: []}, row IN rows |
  CASE WHEN run.best IS NULL OR (higher AND row.r.numericValue > run.best)
         OR (NOT higher AND row.r.numericValue < run.best)
       THEN {best: row.r.numericValue, found: run.found + [row]} ELSE run END).found AS found
RETURN metric, higher, [row IN found | {model: row.r.model, value: row.r.value,
  number: row.r.numericValue, date: row.day}] AS progression
""",
    "papers-list": """
MATCH (n:Paper) WHERE n.published <= date($after[0]) AND n.stub IS NULL
  AND (n.published < date($after[0]) OR n.slug > $after[1])
WITH n ORDER BY n.published DESC, n.slug LIMIT 20
RETURN collect(n {.title, .published, .arxivId}) AS papers
""",
    # a task's papers newest first, read in order from its dated links' index
    "filtered-list": """
MATCH (n:Paper)-[link:ADDRESSES]->()
WHERE link.name = $task AND link.paperDate IS NOT NULL AND n.stub IS NULL
  AND EXISTS { (n)-[:HAS_CODE]->() }
WITH n ORDER BY link.name, link.paperDate DESC, n.slug LIMIT 20
RETURN collect(n {.title, .published, .arxivId}) AS papers
""",
    "filtered-total": """
MATCH (t:Task {name: $task})
CALL (t) {
  MATCH (n:Paper)-[link:ADDRESSES]->()
  WHERE link.name = t.name AND link.paperDate IS NOT NULL AND n.stub IS NULL
    AND EXISTS { (n)-[:HAS_CODE]->() }
  WITH n ORDER BY link.name, link.paperDate DESC, n.slug LIMIT 20
  RETURN collect(n {.title, .published, .arxivId}) AS papers
}
RETURN papers, t.listedPapersWithCode AS total
""",
    "largest-method-papers": """
MATCH (m:Method {name: $name})
CALL (m) {
  MATCH (n:Paper)-[link:USES_METHOD]->()
  WHERE link.name = m.name AND link.paperDate IS NOT NULL
  WITH n ORDER BY link.name, link.paperDate DESC, n.slug LIMIT 20
  RETURN collect(n {.title, .published, .arxivId}) AS papers
}
RETURN papers, COUNT { (m)<-[:USES_METHOD]-() } AS total
""",
    # Lucene's best 22 for the page (as the API's first page asks) and its best 2,001 counted
    "search": """
CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $query, {limit: 22}) YIELD node, score
  WITH node, score WHERE node.stub IS NULL
  WITH node, score ORDER BY score DESC, node.slug LIMIT 10
  RETURN collect({score: score, title: node.title, arxivId: node.arxivId, published: node.published}) AS hits
}
CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $query, {limit: 2001}) YIELD node
  WITH count(CASE WHEN node.stub IS NULL THEN 1 END) AS kept
  RETURN CASE WHEN kept > 1000 THEN 1000 ELSE kept END AS count
}
RETURN hits, count
""",
    "search-total": """
CALL db.index.fulltext.queryNodes('paper_text', $query, {limit: 22}) YIELD node, score
WHERE node.stub IS NULL
WITH node, score ORDER BY score DESC, node.slug LIMIT 10
RETURN collect({score: score, title: node.title, arxivId: node.arxivId, published: node.published}) AS hits,
       COUNT { CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node AS hit
               WHERE hit.stub IS NULL RETURN hit } AS total
""",
    # the loader keeps them (graphdb/list_counts.py): one property read
    "papers-by-year": """
MATCH (t:Task {name: $task})
RETURN [i IN range(0, size(t.yearCounts) - 2, 2) | [t.yearCounts[i], t.yearCounts[i + 1]]] AS years
""",
    "stats": """
MATCH (c:GraphCounts {name: 'graph'})
RETURN c.papers AS papers, c.papersWithCode AS papersWithCode, c.leaderboards AS leaderboards,
       COUNT { (:Author) } AS authors, COUNT { (:Task) } AS tasks, COUNT { (:Dataset) } AS datasets,
       COUNT { (:Method) } AS methods, COUNT { (:Repository) } AS repositories, COUNT { (:Result) } AS results
""",
    # the same index query (its Lucene text made as the API makes it), the same 8 of 24 hits
    "suggest": """
CALL db.index.fulltext.queryNodes('suggest', $lucene, {limit: 24}) YIELD node AS x, score
WITH x, score ORDER BY score DESC, coalesce(x.title, x.name), coalesce(x.slug, '') LIMIT 8
RETURN collect({labels: labels(x), score: score, name: coalesce(x.title, x.name), key: coalesce(x.slug, x.name),
                published: x.published, paperCount: x.paperCount, fullName: x.fullName}) AS found
""",
}
# the filtered list with its total, for the 30 largest tasks
FLOORS["largest-tasks-total"] = FLOORS["filtered-total"]


# The same requests and floors over other inputs: the commonest and the rarest words of titles,
# and the authors of most papers.
FLOORS["search-common"] = FLOORS["search-rare"] = FLOORS["search"]
FLOORS["author-most"] = FLOORS["author-coauthors"]


def ensure_loaded(
    papers: int, seed: int, heap: str, pagecache: str
) -> tuple[LocalNeo4jConfig, str]:
    bench = ROOT / ".bench"
    # each size in its own folder (100,000 in the one earlier runs used), loaded once
    folder = "api-neo4j" if papers == 100_000 else f"api-neo4j-{papers}"
    config = LocalNeo4jConfig(data_dir=bench / folder, port=0, heap=heap, pagecache=pagecache)
    try:
        status = start(config, quiet=True)
    except AlreadyRunning as running:  # left by an interrupted run: reuse it
        status = running.status
    assert status.uri
    # quiet: an archive without stub papers makes Neo4j warn that `stub` is an unknown property
    with GraphDatabase.driver(status.uri, notifications_min_severity="OFF") as driver:
        loaded = driver.execute_query(
            "MATCH (p:Paper) WHERE p.stub IS NULL RETURN count(p) AS n"
        ).records[0]["n"]
        # a graph loaded before the task and method links kept their dates gets them by one
        # load of the same archive (graphdb/model.py DATED_LINKS); until then its pages sort
        dated = driver.execute_query(
            "MATCH (c:GraphCounts {name: 'graph'}) WHERE all(t IN $types WHERE t IN c.datedLinks) "
            "RETURN count(c) AS n", types=list(DATED_LINKS),
        ).records[0]["n"]  # fmt: skip
        # and one loaded before the authors of many papers kept their co-authors
        # (loaders/coauthors.py) gets them the same way
        unranked = driver.execute_query(
            "MATCH (a:Author) WHERE a.paperCount >= $keepFrom AND a.coauthorsKept IS NULL "
            "RETURN count(a) AS n", keepFrom=KEEP_COAUTHORS_FROM,
        ).records[0]["n"]  # fmt: skip
    if loaded != papers or not dated or unranked:
        archive = bench / "archives" / f"papers-{papers}-seed-{seed}"
        if not (archive / "papers-with-abstracts.json.gz").exists():
            print(f"generating {papers:,} papers ...", flush=True)
            generate_archive(archive, papers, seed)
        print(f"loading {archive} (found {loaded:,} papers) ...", flush=True)
        # --data-dir: the bench Neo4j is the local one, so an empty one is bulk-loaded
        subprocess.run(
            [sys.executable, "-m", "server.cli", "load", str(archive), "--rejects", os.devnull,
             "--data-dir", str(config.data_dir)],
            cwd=ROOT, env={**os.environ, "NEO4J_URI": status.uri}, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return config, status.uri


def samples(uri: str, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    with GraphDatabase.driver(uri, notifications_min_severity="OFF") as driver:

        def values(query: str) -> list[Any]:
            return [r[0] for r in driver.execute_query(query).records]

        arxiv = values("MATCH (p:Paper) WHERE p.arxivId IS NOT NULL AND EXISTS { (p)-[:HAS_CODE]->() } "
                       "RETURN p.arxivId LIMIT 5000")  # fmt: skip
        authors = values("MATCH (a:Author) WHERE a.paperCount >= 3 RETURN a.name LIMIT 5000")
        boards = [r.data() for r in driver.execute_query(
            "MATCH (r:Result) WITH DISTINCT r.task AS task, r.dataset AS dataset RETURN task, dataset LIMIT 2000").records]  # fmt: skip
        words = values("MATCH (t:Task) RETURN t.name LIMIT 2000")
        names = values("MATCH (a:Author) RETURN a.name LIMIT 1000") + values(
            "MATCH (m:Method) RETURN m.name LIMIT 1000") + values(
            "MATCH (p:Paper) WHERE p.stub IS NULL RETURN p.title LIMIT 1000")  # fmt: skip
        tasks = values("MATCH (t:Task) WHERE t.paperCount >= 5 RETURN t.name LIMIT 2000")
        dates = values("MATCH (p:Paper) WHERE p.published IS NOT NULL "
                       "RETURN DISTINCT toString(p.published) LIMIT 300")  # fmt: skip
        prolific = values("MATCH (a:Author) RETURN a.name ORDER BY a.paperCount DESC LIMIT 10")
        largest_tasks = values("MATCH (t:Task) RETURN t.name ORDER BY t.paperCount DESC LIMIT 30")
        largest_methods = values(
            "MATCH (m:Method) RETURN m.name ORDER BY m.paperCount DESC LIMIT 30"
        )
        titles = values("MATCH (p:Paper) WHERE p.stub IS NULL RETURN p.title LIMIT 20000")
    # words of titles by how many of them hold each (ties by the word: the same at every size)
    held = Counter(w for t in titles for w in set(re.findall(r"[a-z0-9]{3,}", t.lower())))
    by_titles = sorted(held, key=lambda w: (-held[w], w))
    return {
        "paper-page": [{"arxivId": a} for a in rng.sample(arxiv, min(300, len(arxiv)))],
        "author-coauthors": [{"name": a} for a in rng.sample(authors, min(300, len(authors)))],
        "leaderboard": rng.sample(boards, min(300, len(boards))),
        "progression": rng.sample(boards, min(300, len(boards))),
        "search": [{"query": w.lower()} for w in rng.sample(words, min(300, len(words)))],
        "search-total": [{"query": w.lower()} for w in rng.sample(words, min(300, len(words)))],
        "search-common": [{"query": w} for w in by_titles[:30]],
        "search-rare": [{"query": w} for w in by_titles[-30:]],
        "author-most": [{"name": a} for a in prolific],
        "filtered-list": [{"task": t} for t in rng.sample(tasks, min(300, len(tasks)))],
        "filtered-total": [{"task": t} for t in rng.sample(tasks, min(300, len(tasks)))],
        "largest-tasks-total": [{"task": t} for t in largest_tasks],
        "largest-method-papers": [{"name": m} for m in largest_methods],
        # the first page, and pages after the last paper of a date (a cursor is a keyset position)
        "papers-list": [{"after": None, "position": ["9999-12-31", ""]}]
        + [{"after": _papers_cursor([d, "~"]), "position": [d, "~"]} for d in dates],
        "suggest": _typed(rng, [*words, *names]),
        "papers-by-year": [{"task": t} for t in rng.sample(tasks, min(300, len(tasks)))],
        "stats": [{}],
    }


async def measure(call: Callable[[dict[str, Any]], Awaitable[None]], inputs: list[dict[str, Any]],
                  concurrency: int, requests: int) -> dict[str, float]:  # fmt: skip
    latencies: list[float] = []
    queue = [inputs[i % len(inputs)] for i in range(requests)]
    timed_out = 0

    async def worker() -> None:
        nonlocal timed_out
        while queue:
            variables = queue.pop()
            started = time.perf_counter()
            try:
                await call(variables)
            except RuntimeError as error:  # an API timeout is a figure, not the end of the run
                if "QUERY_TIMEOUT" not in str(error):
                    raise
                timed_out += 1
            latencies.append(time.perf_counter() - started)

    for variables in inputs[:10]:  # warm-up: plans, caches, connections
        await call(variables)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return _figures(latencies, time.perf_counter() - started) | {"timed_out": timed_out}


def _typed(rng: random.Random, names: list[str], count: int = 300) -> list[dict[str, Any]]:
    """What a user types into the search box on the way to one of `names`: a short prefix of
    its first word (2-3 letters), that word whole, the first word and a prefix of the second,
    the first two words whole; in equal shares. The floor gets the Lucene text the API makes."""
    from graphdb.suggest import suggest_words
    from schema.lane.lucene import suggest_query

    typed = []
    for i in range(count):
        words = suggest_words(rng.choice(names))
        if len(words) < 2:
            words = [*words, "learning"][:2] if words else ["deep", "learning"]
        first, second = words[0], words[1]
        ways = (first[: rng.randint(2, 3)], first, f"{first} {second[:3]}", f"{first} {second}")
        text = ways[i % 4]
        typed.append({"query": text, "lucene": suggest_query(suggest_words(text), [])})
    return typed


def _papers_cursor(position: list[str]) -> str:
    """The API's cursor for a position in `papers` newest first (the slug "~" sorts after all)."""
    from schema.data.cursors import encode_cursor
    from schema.data.lists import root_spec
    from schema.filters import paper_order

    spec = root_spec("papers", lists.ALL_PAPERS, paper_order(None), SortKey("n.slug"))
    return encode_cursor(spec.name, position)


def _figures(latencies: list[float], seconds: float) -> dict[str, float]:
    """p50, p95 and p99 in ms, and requests per second over `seconds`."""
    latencies = sorted(latencies)
    return {
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "rps": len(latencies) / seconds,
    }


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process and its live children (uvicorn's workers) so far,
    from Linux /proc; None elsewhere."""
    try:
        pids = [
            pid,
            *(int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()),
        ]
        total = 0
        for each in pids:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    except (OSError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


async def measure_alternating(
    api: Callable[[dict[str, Any]], Awaitable[None]],
    floor: Callable[[dict[str, Any]], Awaitable[None]],
    inputs: list[dict[str, Any]],
    requests: int,
    server_pid: int,
    block: int = 25,
) -> tuple[dict[str, float], dict[str, float]]:
    """At concurrency 1: blocks of `block` requests, API and floor in turn, so a slow spell of
    the machine falls on both alike. Blocks, not pairs: a floor query sent right after an API
    response would compete with the server's own tail of work and look slower than it is.
    Also CPU ms per request: the API server's, and this process's while running the floor."""
    timings: dict[str, list[float]] = {"api": [], "floor": []}
    cpu = {"api": 0.0, "floor": 0.0}
    cpu_known = True
    for first in range(0, requests, block):
        turn = [("api", api), ("floor", floor)]
        for name, call in turn if (first // block) % 2 == 0 else turn[::-1]:
            server_before = process_cpu_seconds(server_pid)
            own_before = time.process_time()
            for i in range(first, min(first + block, requests)):
                began = time.perf_counter()
                await call(inputs[i % len(inputs)])
                timings[name].append(time.perf_counter() - began)
            if name == "floor":
                cpu["floor"] += time.process_time() - own_before
            else:
                server_after = process_cpu_seconds(server_pid)
                if server_before is None or server_after is None:
                    cpu_known = False
                else:
                    cpu["api"] += server_after - server_before

    # one at a time: requests per busy second
    figures = {}
    for name, times in timings.items():
        figures[name] = _figures(times, sum(times))
        figures[name]["cpu_ms"] = cpu[name] / len(times) * 1000 if cpu_known else float("nan")
    return figures["api"], figures["floor"]


async def warm_up(
    kind: str,
    api: Callable[[dict[str, Any]], Awaitable[None]],
    floor: Callable[[dict[str, Any]], Awaitable[None]],
    inputs: list[dict[str, Any]],
    least_passes: int,
    most_passes: int = 40,
    settled: float = 0.03,
    most_seconds: float = 180.0,
) -> None:
    """Passes over every input, both ways, until neither side's median has moved by more than
    `settled` for two passes in a row (at least `least_passes`), or `most_passes` or
    `most_seconds` are reached (a search takes 100 ms or more a request).

    Neo4j's JIT keeps speeding a query up for a few thousand runs; a floor measured before it
    settles is slower than the floor a running service has, and the ratio looks better than it
    is (three passes made the paper page's floor 5.1 ms, thirty 3.6 ms).
    """
    medians: list[tuple[float, float]] = []
    started = time.monotonic()
    for done in range(1, most_passes + 1):
        times: dict[str, list[float]] = {"api": [], "floor": []}
        for variables in inputs:
            for name, call in (("api", api), ("floor", floor)):
                began = time.perf_counter()
                await call(variables)
                times[name].append(time.perf_counter() - began)
        medians.append((statistics.median(times["api"]), statistics.median(times["floor"])))
        steady = len(medians) >= 3 and all(
            abs(medians[-i][side] / medians[-i - 1][side] - 1) <= settled
            for i in (1, 2)
            for side in (0, 1)
        )
        if (done >= least_passes and steady) or time.monotonic() - started > most_seconds:
            break
    api_ms, floor_ms = (m * 1000 for m in medians[-1])
    print(
        f"{kind:17} {'warm' if steady else 'not settled (time limit)'} after {done} passes over "
        f"{len(inputs)} inputs (last pass: api {api_ms:.1f} ms, floor {floor_ms:.1f} ms)",
        flush=True,
    )


async def run(
    uri: str,
    api: str,
    server_pid: int,
    inputs: dict[str, list[dict[str, Any]]],
    requests: int,
    warmup_passes: int,
) -> dict[str, dict[str, float]]:
    """Measures every kind of `inputs`; returns the API's figures at concurrency 1 by kind."""
    at_one: dict[str, dict[str, float]] = {}
    driver = open_async_driver(Neo4jSettings(uri=uri))  # configured as the API's own driver
    # aiohttp, not httpx: httpx alone adds 2-3 ms to a loopback request here (measured on
    # /healthz: 2.6 ms against aiohttp's 0.5 ms), which is the client's time, not the API's.
    connector = aiohttp.TCPConnector(limit=32)
    timeout = aiohttp.ClientTimeout(total=60)
    headers = {"content-type": "application/json"}
    async with aiohttp.ClientSession(api, connector=connector, timeout=timeout) as client:
        for kind, floor_query in FLOORS.items():
            if kind not in inputs:
                continue
            query = {
                "leaderboard": LEADERBOARD,
                "progression": PROGRESSION,
                "search-total": SEARCH_TOTAL,
                "search-common": QUERIES["search"],
                "search-rare": QUERIES["search"],
                "author-most": AUTHOR,
                "papers-list": PAPERS_LIST,
                "filtered-list": FILTERED_LIST,
                "filtered-total": FILTERED_TOTAL,
                "largest-tasks-total": FILTERED_TOTAL,
                "largest-method-papers": METHOD_PAPERS,
                "suggest": SUGGEST,
                "papers-by-year": PAPERS_BY_YEAR,
                "stats": STATS,
            }.get(kind) or QUERIES.get(kind, "")

            async def over_http(variables: dict[str, Any], query: str = query) -> None:
                variables = {k: v for k, v in variables.items() if k not in ("position", "lucene")}
                request = orjson.dumps({"query": query, "variables": variables})
                async with client.post("/graphql", data=request, headers=headers) as response:
                    body = orjson.loads(await response.read())
                if response.status != 200 or body.get("errors"):
                    raise RuntimeError(f"{response.status}: {str(body)[:300]}")

            async def floor(variables: dict[str, Any], floor_query: str = floor_query) -> None:
                if "position" in variables:  # the floor takes the keyset position itself
                    variables = {"after": variables["position"]}
                if "lucene" in variables:  # and the typeahead's Lucene text
                    variables = {"lucene": variables["lucene"]}
                await driver.execute_query(floor_query, variables, routing_="r")

            # Warm-up over every input, both ways: whichever is measured first must not pay
            # for reading the store into Neo4j's page cache, nor for its JIT.
            await warm_up(kind, over_http, floor, inputs[kind], warmup_passes)
            for concurrency in (1, 16):
                if concurrency == 1:
                    a, f = await measure_alternating(
                        over_http, floor, inputs[kind], requests, server_pid
                    )
                else:
                    a = await measure(over_http, inputs[kind], concurrency, requests * 3)
                    f = await measure(floor, inputs[kind], concurrency, requests * 3)
                line = (f"{kind:17} c={concurrency:<2} api p50 {a['p50_ms']:6.1f} ms p95 {a['p95_ms']:6.1f} ms "
                        f"p99 {a['p99_ms']:6.1f} ms {a['rps']:6.0f} req/s | floor p50 {f['p50_ms']:6.1f} ms "
                        f"p95 {f['p95_ms']:6.1f} ms p99 {f['p99_ms']:6.1f} ms "
                        f"{f['rps']:6.0f} req/s | p50 ratio {a['p50_ms'] / f['p50_ms']:.2f}")  # fmt: skip
                if a.get("timed_out"):
                    line += f" | {a['timed_out']:.0f} API requests timed out"
                if concurrency == 1:
                    line += f" | cpu/request api {a['cpu_ms']:.1f} ms, floor {f['cpu_ms']:.1f} ms"
                print(line, flush=True)
                if concurrency == 1:
                    at_one[kind] = a
    await driver.close()
    return at_one


def measure_size(papers: int, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """One size: its Neo4j (loaded the first time), the API server, every kind measured."""
    config, uri = ensure_loaded(papers, args.seed, args.heap, args.pagecache)
    port = 18000 + os.getpid() % 1000
    server = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--log-level", "warning",
         "--workers", str(args.workers)],
        cwd=ROOT, env={**os.environ, "NEO4J_URI": uri}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        api = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{api}/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        inputs = samples(uri, random.Random(args.seed))
        print(
            f"{papers:,} papers; {args.requests} requests at c=1, {3 * args.requests} at c=16",
            flush=True,
        )
        return asyncio.run(
            run(
                uri,
                api,
                server.pid,
                {k: v for k, v in inputs.items() if k in args.kinds},
                args.requests,
                args.warmup_passes,
            )
        )
    finally:
        server.terminate()
        server.wait()
        stop(config)


def print_growth(by_size: dict[int, dict[str, dict[str, float]]]) -> None:
    """Every kind's p50 and p95 at concurrency 1 at each size, and the largest size's over the
    first's."""
    sizes = list(by_size)
    first, last = by_size[sizes[0]], by_size[sizes[-1]]
    header = "".join(f" | {size:>9,} p50 / p95 ms" for size in sizes)
    print(f"\ngrowth at c=1: {sizes[-1]:,} papers against {sizes[0]:,}")
    print(f"{'kind':17}{header} | ratio p50 / p95")
    for kind in first:
        if kind not in last:
            continue
        cells = "".join(
            f" | {by_size[size][kind]['p50_ms']:9.1f} / {by_size[size][kind]['p95_ms']:7.1f}"
            for size in sizes
            if kind in by_size[size]
        )
        p50 = last[kind]["p50_ms"] / first[kind]["p50_ms"]
        p95 = last[kind]["p95_ms"] / first[kind]["p95_ms"]
        print(f"{kind:17}{cells} | {p50:5.2f} / {p95:5.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--papers", type=int, nargs="+", default=[100_000], help="archive sizes, measured in turn"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per measurement at concurrency 1"
    )
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="6g")
    parser.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes of the API server"
    )
    parser.add_argument(
        "--warmup-passes",
        type=int,
        default=5,
        help="least passes over every input before measuring; more run until timings settle",
    )
    parser.add_argument(
        "--kinds", nargs="*", default=list(FLOORS), choices=list(FLOORS), help="which requests"
    )
    args = parser.parse_args()

    by_size = {}
    for papers in args.papers:
        by_size[papers] = measure_size(papers, args)
    if len(by_size) > 1:
        print_growth(by_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
