"""After the files: the steps that need the whole graph, each driven by flags set while writing.

1. join results to papers       every Result, by key   (by arXiv id, then PWC URL, then title)
2. derive each paper's datasets  Paper.datasetsStale    (USES_DATASET from results and introductions)
2a. dated links                 (links without a date)  (a task's and a method's links keep its name
                                                          and the paper's date: graphdb/model.py)
2b. community ranks              (boards with a     (a table written again was ranked without
                                  community result)  the approved submissions on its board)
3. paper counts of features     *.relatedStale         (paperCount, for sorting by popularity)
                                 Repository.countStale  (paperCount of a repository)
   co-authors                   Author.relatedStale    (the kept co-author rankings of authors
                                                          of many papers: loaders/coauthors.py)
   list counts of features      Paper.codeStale,       (listedPapers, ...WithCode, ...WithOfficialCode:
                                 *.codeCountStale,       the papers lists' totals;
                                 *.relatedStale          graphdb/list_counts.py)
4. proceedings and conferences   *.countStale           (paperCount, a conference's years; those
                                                          left without papers are removed)
5. areas                         Area.countStale,       (paperCount: the papers of its tasks,
                                 Task.relatedStale       each once)
6. graph counts                 (every load)            (the numbers of root `stats` that Neo4j's
                                                          count store cannot give: graphdb/counts.py)
7. typeahead properties          (walks every label)    (loaders/suggestions.py: the suggest index)
8. related-paper links           *.relatedStale         (loaders/related.py: scoring, and why in numpy)

Step 1 looks at every result at each load (papers, stubs and results may all
have changed) and writes only where a result's paper differs; step 6 counts every
paper and result at each load and writes only the numbers that differ. Steps 2 to 5
work in batches, and each batch clears its flags in the same transaction that
writes its result. A load killed at any point therefore leaves flags on exactly
the work not yet done, and the next load finishes it: the graph ends as after
one clean load. A flag is only set when something changed, so reloading the
same dump writes nothing here.

Links are MERGEd even where a check just found them missing: the check reads
without locks, so a load overlapping this one (the load lock, loaders/lock.py,
normally prevents that) may have made the same link since; MERGE locks both
ends and looks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graphdb.contributions import community_ranks
from graphdb.counts import keep_counts_query
from graphdb.list_counts import FEATURES, FLAG_CODE_CHANGES, recount_query, years_of
from loaders.coauthors import keep_coauthors
from loaders.memory import peak_rss_mb, release_free_memory, reset_peak_rss
from loaders.progress import LoadProgress
from loaders.related import RelatedSettings, recompute_related
from loaders.suggestions import update_suggestions
from loaders.write.sink import WriteCounts

# One page of results in key order; rewires the ones whose best paper changed.
JOIN_RESULTS = """
MATCH (r:Result) WHERE r.key > $after
WITH r ORDER BY r.key LIMIT $batch
WITH r,
  coalesce(
    COLLECT { MATCH (p:Paper {arxivId: r.refArxivId}) RETURN p ORDER BY p.slug LIMIT 1 }[0],
    COLLECT { MATCH (p:Paper {slug: r.refSlug}) RETURN p }[0],
    COLLECT { MATCH (p:Paper {titleKey: r.refTitleKey}) RETURN p ORDER BY p.slug LIMIT 1 }[0]
  ) AS paper,
  COLLECT { MATCH (p:Paper)-[:REPORTS]->(r) RETURN p } AS current
CALL (r, paper, current) {
  WITH r, paper, current
  WHERE current <> CASE WHEN paper IS NULL THEN [] ELSE [paper] END
  CALL (r, current) {
    UNWIND current AS old
    MATCH (old)-[link:REPORTS]->(r)
    SET old.datasetsStale = true
    DELETE link
  }
  CALL (r, paper) {
    WITH paper WHERE paper IS NOT NULL
    MERGE (paper)-[:REPORTS]->(r)
    SET paper.datasetsStale = true
  }
}
RETURN count(r) AS processed, max(r.key) AS last
"""

# A paper's datasets: those of its results and those it introduced.
DERIVE_PAPER_DATASETS = """
MATCH (p:Paper {datasetsStale: true})
WITH p LIMIT $batch
REMOVE p.datasetsStale
WITH p,
  COLLECT {
    MATCH (p)-[:REPORTS]->(:Result)-[:ON_DATASET]->(d:Dataset) RETURN d
    UNION
    MATCH (d:Dataset)-[:INTRODUCED_IN]->(p) RETURN d
  } AS wanted,
  COLLECT { MATCH (p)-[:USES_DATASET]->(d:Dataset) RETURN d } AS current
CALL (p, wanted, current) {
  WITH p, [d IN wanted WHERE NOT d IN current] AS added, [d IN current WHERE NOT d IN wanted] AS removed
  WHERE size(added) + size(removed) > 0
  SET p.relatedStale = true
  WITH p, added, removed
  CALL (p, removed) {
    UNWIND removed AS d
    MATCH (p)-[link:USES_DATASET]->(d)
    SET d.relatedStale = true
    DELETE link
  }
  CALL (p, added) {
    UNWIND added AS d
    MERGE (p)-[:USES_DATASET]->(d)
    SET d.relatedStale = true
  }
}
RETURN count(p) AS processed
"""

# A feature whose papers changed is flagged for the related step: its count changed too.
# Run in implicit transactions (CALL ... IN TRANSACTIONS streams without sorting the set).
# Keyed by the plural the summary uses.
RECOUNT_PAPERS: dict[str, LiteralString] = {
    "authors": "MATCH (f:Author {relatedStale: true}) CALL (f) { "
    "SET f.paperCount = COUNT { (f)<-[:AUTHORED_BY]-(:Paper) } } IN TRANSACTIONS OF 10000 ROWS "
    "RETURN count(f) AS n",
    "tasks": "MATCH (f:Task {relatedStale: true}) CALL (f) { "
    "SET f.paperCount = COUNT { (f)<-[:ADDRESSES]-(:Paper) } } IN TRANSACTIONS OF 10000 ROWS "
    "RETURN count(f) AS n",
    "methods": "MATCH (f:Method {relatedStale: true}) CALL (f) { "
    "SET f.paperCount = COUNT { (f)<-[:USES_METHOD]-(:Paper) } } IN TRANSACTIONS OF 10000 ROWS "
    "RETURN count(f) AS n",
    "datasets": "MATCH (f:Dataset {relatedStale: true}) CALL (f) { "
    "SET f.paperCount = COUNT { (f)<-[:USES_DATASET]-(:Paper) } } IN TRANSACTIONS OF 10000 ROWS "
    "RETURN count(f) AS n",
    # not a feature of related papers: its own flag, cleared here
    "repositories": "MATCH (f:Repository {countStale: true}) CALL (f) { "
    "SET f.paperCount = COUNT { (f)<-[:HAS_CODE]-(:Paper) } REMOVE f.countStale } "
    "IN TRANSACTIONS OF 10000 ROWS RETURN count(f) AS n",
}

# A proceeding a paper joined or left: its count, its conference flagged; without papers it
# goes. Then each flagged conference: its count and years; without proceedings it goes.
RECOUNT_VENUES: dict[str, LiteralString] = {
    "proceedings": """MATCH (f:Proceeding {countStale: true}) CALL (f) {
  WITH f, COUNT { (f)<-[:PUBLISHED_IN]-(:Paper) } AS papers
  OPTIONAL MATCH (f)-[:OF_CONFERENCE]->(c:Conference)
  SET c.countStale = true, f.paperCount = papers
  REMOVE f.countStale
  WITH f, papers WHERE papers = 0
  DETACH DELETE f
} IN TRANSACTIONS OF 10000 ROWS RETURN count(f) AS n""",
    "conferences": """MATCH (f:Conference {countStale: true}) CALL (f) {
  WITH f, COLLECT { MATCH (f)<-[:OF_CONFERENCE]-(p:Proceeding) RETURN DISTINCT p.year AS year
                    ORDER BY year } AS years
  SET f.years = years,
      f.paperCount = COUNT { (f)<-[:OF_CONFERENCE]-(:Proceeding)<-[:PUBLISHED_IN]-(:Paper) }
  REMOVE f.countStale
  WITH f, years WHERE size(years) = 0
  DETACH DELETE f
} IN TRANSACTIONS OF 10000 ROWS RETURN count(f) AS n""",
}

# An area whose tasks changed (one joined it: countStale) or whose tasks' papers changed (the
# tasks are still flagged for the related step, which runs after), or never counted. Areas are
# few (tens), so all are looked at.
RECOUNT_AREAS: dict[str, LiteralString] = {
    "areas": """MATCH (f:Area)
WHERE f.countStale IS NOT NULL OR f.paperCount IS NULL OR f.yearCounts IS NULL
   OR EXISTS { (f)<-[:IN_AREA]-(:Task {relatedStale: true}) }
CALL (f) {
  SET f.paperCount = COUNT { MATCH (f)<-[:IN_AREA]-(:Task)<-[:ADDRESSES]-(p:Paper) RETURN DISTINCT p },
      f.yearCounts = """
    + years_of("MATCH (f)<-[:IN_AREA]-(:Task)<-[:ADDRESSES]-(n:Paper) WITH DISTINCT n")
    + """
  REMOVE f.countStale
} IN TRANSACTIONS OF 100 ROWS RETURN count(f) AS n""",
}

COUNT_FLAGGED: dict[str, LiteralString] = {
    "results": "MATCH (r:Result) RETURN count(r) AS n",
    "datasetsStale": "MATCH (p:Paper {datasetsStale: true}) RETURN count(p) AS n",
    "relatedStale": "MATCH (p:Paper {relatedStale: true}) RETURN count(p) AS n",
}


@dataclass
class PhaseReport:
    name: str
    processed: int
    seconds: float
    detail: str = ""  # what the step did, when its count alone does not say
    peak_rss_mb: float | None = None  # the loader's, during this step


def _run_batches(
    driver: Driver,
    database: str | None,
    query: LiteralString,
    params: dict[str, Any],
    counts: WriteCounts,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Run a batch query until it processes nothing; returns the total processed."""

    def one_batch(tx: ManagedTransaction) -> int:
        result = tx.run(query, params)
        processed = int(result.single(strict=True)["processed"])
        counts.add(result.consume().counters)
        return processed

    total = 0
    with driver.session(database=database) as session:
        while True:
            processed = session.execute_write(one_batch)
            if processed == 0:
                return total
            total += processed
            if on_batch is not None:
                on_batch(total)


def _join_results(
    driver: Driver, database: str | None, counts: WriteCounts, on_batch: Callable[[int], None]
) -> int:
    """Walk every result in key order, a page per transaction."""

    def one_page(tx: ManagedTransaction, after: str) -> tuple[int, str | None]:
        result = tx.run(JOIN_RESULTS, after=after, batch=5_000)
        record = result.single(strict=True)
        counts.add(result.consume().counters)
        return int(record["processed"]), record["last"]

    total, after = 0, ""
    with driver.session(database=database) as session:
        while True:
            processed, last = session.execute_write(one_page, after)
            if processed == 0 or last is None:
                return total
            total, after = total + processed, last
            on_batch(total)


def _community_ranks(driver: Driver, database: str | None) -> int:
    """The boards holding community results ranked again with them (one transaction)."""
    with driver.session(database=database) as session:
        return session.execute_write(community_ranks)


def keep_graph_counts(driver: Driver, database: str | None, counts: WriteCounts) -> int:
    """Count the graph's numbers again (one statement, so they agree with each other) and keep
    them: a load killed before this leaves the previous ones, which the next load replaces."""
    with driver.session(database=database) as session:
        result = session.run(keep_counts_query())  # fixed texts only
        changed = int(result.single(strict=True)["n"])
        counts.add(result.consume().counters)
    return changed


def _keep_list_counts(
    driver: Driver, database: str | None, counts: WriteCounts, details: dict[str, str]
) -> int:
    """The papers lists' kept totals (graphdb/list_counts.py): the code changes passed on to
    the papers' features, then every flagged feature counted again."""
    recounted: dict[str, int] = {}
    with driver.session(database=database) as session:
        result = session.run(FLAG_CODE_CHANGES)  # fixed texts only
        passed_on = int(result.single(strict=True)["n"])
        counts.add(result.consume().counters)
        for feature in FEATURES:
            result = session.run(recount_query(feature))
            recounted[_PLURAL[feature]] = int(result.single(strict=True)["n"])
            counts.add(result.consume().counters)
    recount_line = _recounted(recounted).replace("the paper counts", "the list counts")
    details["list counts"] = f"{passed_on:,} papers' code changed; {recount_line}"
    return sum(recounted.values())


# A graph loaded before these links kept their name and paper date (graphdb/model.py
# DATED_LINKS) gets them once, and the graph's counts node records that it has them (each later
# scan would cost 2.5 s at 600,000 papers). The links are rewritten with their paper
# (loaders/write/papers.py), which keeps them current.
DATE_LINKS: dict[str, LiteralString] = {
    "ADDRESSES": "MATCH (p:Paper)-[r:ADDRESSES]->(f:Task) WHERE r.paperDate IS NULL "
    "CALL (p, r, f) { SET r.name = f.name, r.paperDate = coalesce(p.published, date('0001-01-01')) } "
    "IN TRANSACTIONS OF 20000 ROWS RETURN count(r) AS n",
    "USES_METHOD": "MATCH (p:Paper)-[r:USES_METHOD]->(f:Method) WHERE r.paperDate IS NULL "
    "CALL (p, r, f) { SET r.name = f.name, r.paperDate = coalesce(p.published, date('0001-01-01')) } "
    "IN TRANSACTIONS OF 20000 ROWS RETURN count(r) AS n",
    "AUTHORED_BY": "MATCH (p:Paper)-[r:AUTHORED_BY]->(f:Author) WHERE r.paperDate IS NULL "
    "CALL (p, r, f) { SET r.name = f.name, r.paperDate = coalesce(p.published, date('0001-01-01')) } "
    "IN TRANSACTIONS OF 20000 ROWS RETURN count(r) AS n",
}
READ_LINKS_DATED: LiteralString = (
    "MATCH (c:GraphCounts {name: 'graph'}) RETURN coalesce(c.datedLinks, []) AS dated"
)
# `linksDated` was the mark of the first two types alone
MARK_LINKS_DATED: LiteralString = (
    "MERGE (c:GraphCounts {name: 'graph'}) SET c.datedLinks = $types REMOVE c.linksDated"
)


def mark_links_dated(driver: Driver, database: str | None = None) -> None:
    """Record that every link of each DATED_LINKS type keeps its name and paper date."""
    driver.execute_query(MARK_LINKS_DATED, types=sorted(DATE_LINKS), database_=database)


def _run_counting(driver: Driver, database: str | None, queries: dict[str, LiteralString],
                  counts: WriteCounts) -> dict[str, int]:  # fmt: skip
    """Each query's `n` by its name, run in order in implicit transactions (they use CALL ...
    IN TRANSACTIONS), their writes added to `counts`."""
    found: dict[str, int] = {}
    with driver.session(database=database) as session:
        for name, query in queries.items():
            result = session.run(query)
            found[name] = int(result.single(strict=True)["n"])
            counts.add(result.consume().counters)
    return found


def _date_links(driver: Driver, database: str | None, counts: WriteCounts,
                details: dict[str, str]) -> int:  # fmt: skip
    records, _, _ = driver.execute_query(READ_LINKS_DATED, database_=database)
    marked = set(records[0]["dated"]) if records else set()
    undated = {rel_type: query for rel_type, query in DATE_LINKS.items() if rel_type not in marked}
    if not undated:
        details["dated links"] = (
            "nothing to update (every task, method and author link has its date)"
        )
        return 0
    dated = _run_counting(driver, database, undated, counts)
    mark_links_dated(driver, database)
    details["dated links"] = (
        "kept the paper's date on "
        + ", ".join(f"{n:,} {rel_type} links" for rel_type, n in dated.items() if n)
        if any(dated.values())
        else "every task, method and author link has its date"
    )
    return sum(dated.values())


def _coauthors(driver: Driver, database: str | None, counts: WriteCounts,
               related: RelatedSettings, details: dict[str, str]) -> int:  # fmt: skip
    redone = keep_coauthors(driver, database, counts, related.coauthors_from)
    details["co-authors"] = (
        f"ranked the co-authors of {redone:,} authors of {related.coauthors_from}+ papers"
        if redone
        else f"nothing to update (no paper of an author of {related.coauthors_from}+ papers changed)"
    )
    return redone


_PLURAL = {"task": "tasks", "dataset": "datasets", "method": "methods", "author": "authors"}


def _count(driver: Driver, database: str | None, flag: str) -> int:
    records, _, _ = driver.execute_query(COUNT_FLAGGED[flag], database_=database)
    return int(records[0]["n"])


_ONE = {"authors": "author", "tasks": "task", "methods": "method", "datasets": "dataset",
        "repositories": "repository", "proceedings": "proceeding", "conferences": "conference",
        "areas": "area"}  # fmt: skip


def _recounted(recounted: dict[str, int]) -> str:
    if not any(recounted.values()):
        kinds = [_ONE[kind] for kind in recounted]
        named = ", ".join(kinds[:-1]) + f" or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
        return f"nothing to update (no {named} gained or lost a paper)"
    parts = [f"{n:,} {_ONE[kind] if n == 1 else kind}" for kind, n in recounted.items()]
    return "updated the paper counts of " + ", ".join(parts)


def run_phases(
    driver: Driver,
    database: str | None,
    progress: LoadProgress,
    counts: WriteCounts,
    related: RelatedSettings,
) -> list[PhaseReport]:
    import time

    reports: list[PhaseReport] = []

    def phase(name: str, flag: str | None, work: Callable[[Callable[[int], None]], int]) -> None:
        started = time.monotonic()
        reset_peak_rss()
        total = _count(driver, database, flag) if flag else 0
        progress.start_file(name, total)
        done = work(lambda n: progress.update(n, n))
        progress.update(done, total)
        progress.finish_file()
        reports.append(PhaseReport(name, done, time.monotonic() - started, details.pop(name, ""),
                                   peak_rss_mb()))  # fmt: skip

    details: dict[str, str] = {}

    phase(
        "join results to papers",
        "results",
        lambda tick: _join_results(driver, database, counts, tick),
    )
    phase(
        "paper datasets",
        "datasetsStale",
        lambda tick: _run_batches(
            driver, database, DERIVE_PAPER_DATASETS, {"batch": 5_000}, counts, tick
        ),
    )

    def recount(
        step: str, queries: dict[str, LiteralString]
    ) -> Callable[[Callable[[int], None]], int]:
        def run(_tick: Callable[[int], None]) -> int:
            recounted = _run_counting(driver, database, queries, counts)
            details[step] = _recounted(recounted)
            return sum(recounted.values())

        return run

    phase("dated links", None, lambda _tick: _date_links(driver, database, counts, details))
    phase("community ranks", None, lambda _tick: _community_ranks(driver, database))
    phase("paper counts", None, recount("paper counts", RECOUNT_PAPERS))
    phase("co-authors", None, lambda _tick: _coauthors(driver, database, counts, related, details))
    phase("list counts", None, lambda _tick: _keep_list_counts(driver, database, counts, details))
    phase("proceedings", None, recount("proceedings", RECOUNT_VENUES))
    phase("areas", None, recount("areas", RECOUNT_AREAS))
    phase("graph counts", None, lambda _tick: keep_graph_counts(driver, database, counts))
    # before the related step: it clears the flags of the papers whose title may have changed
    phase("suggestions", None, lambda tick: update_suggestions(driver, database, counts, tick))

    def related_links(_tick: Callable[[int], None]) -> int:
        release_free_memory()  # the step that holds the most: start it from a trimmed heap

        def on_progress(done: int, total: int) -> None:
            progress.update(done, done, total)

        return recompute_related(driver, database, related, counts, on_progress)

    phase("related papers", "relatedStale", related_links)
    return reports
