"""The graph model's schema: unique keys, lookup indexes and the full-text index.

The labels and keys are the contract of ../shared/design/api.md. Every statement
is idempotent (IF NOT EXISTS), so the loaders run `ensure_schema` before each load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the bulk path's scorers import the model, not the driver (75 MB)
    from neo4j import Driver

from graphdb import counts

# label -> the property that identifies a node of that label
NODE_KEYS: Final[dict[str, str]] = {
    "Paper": "slug",
    "Author": "name",
    "Task": "name",
    "Area": "name",
    "Dataset": "name",
    "Method": "name",
    "Repository": "url",
    "Collection": "name",
    "Result": "key",
    "Conference": "name",
    "Proceeding": "name",
}

# (label, property) pairs looked up or sorted on, besides the keys above. The
# *Stale flags are set on the few nodes with pending work and removed when it
# is done, so their indexes stay small.
LOOKUP_INDEXES: Final[tuple[tuple[str, str], ...]] = (
    ("Paper", "arxivId"),
    ("Paper", "published"),
    ("Paper", "titleKey"),
    ("Paper", "title"),
    ("Paper", "relatedStale"),
    ("Paper", "datasetsStale"),
    ("Author", "relatedStale"),
    ("Task", "relatedStale"),
    ("Method", "relatedStale"),
    ("Dataset", "relatedStale"),
    ("Paper", "codeStale"),
    ("Author", "codeCountStale"),
    ("Task", "codeCountStale"),
    ("Method", "codeCountStale"),
    ("Dataset", "codeCountStale"),
    ("Repository", "countStale"),
    ("Proceeding", "countStale"),
    ("Conference", "countStale"),
    ("Area", "countStale"),
    ("Author", "paperCount"),
    ("Task", "paperCount"),
    ("Method", "paperCount"),
    ("Dataset", "paperCount"),
    ("Result", "refArxivId"),
    ("Result", "refSlug"),
    ("Result", "refTitleKey"),
)

# A leaderboard is a (task, dataset) pair, ranked on one metric. A composite index
# serves only predicates on all its properties, hence one index per lookup shape.
COMPOSITE_INDEXES: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("result_board", "Result", ("task", "dataset")),
    ("result_board_metric", "Result", ("task", "dataset", "metric")),
)

# A task's, method's or author's papers, newest first, are read in order from an index instead
# of sorting them all (a method of 180,000 papers at 600,000): each of these links from a paper
# keeps the name of the node it leads to and the paper's date, 0001-01-01 for a paper without
# one (the API lists those last). Both loaders set them whenever they write the link, and
# the load's "dated links" step sets them on links written before they were kept.
DATED_LINKS: Final[dict[str, str]] = {
    "ADDRESSES": "Task",
    "USES_METHOD": "Method",
    "AUTHORED_BY": "Author",
}
LINK_NAME: Final = "name"
LINK_DATE: Final = "paperDate"
NO_DATE: Final = "0001-01-01"
# The counts node lists the types whose every link has them (loaders/phases.py "dated links").
DATED_MARK: Final = "datedLinks"


def graph_links_dated(rel_type: str) -> str:
    """True once every link of `rel_type` (a key of DATED_LINKS) keeps its name and date."""
    assert rel_type in DATED_LINKS
    return (f"EXISTS {{ MATCH (c:GraphCounts {{name: 'graph'}}) "
            f"WHERE '{rel_type}' IN coalesce(c.{DATED_MARK}, []) }}")  # fmt: skip


def dated_link_index(rel_type: str) -> str:
    return f"{rel_type.lower()}_{LINK_NAME}_{LINK_DATE.lower()}"


# An author of many papers has thousands of co-authors; ranking them by shared papers at
# request time reads every path through every paper (176 ms for the most prolific at 600,000).
# For an author of at least KEEP_COAUTHORS_FROM papers the loaders keep the ranking: a link
# to each co-author holding the author's name and their number of shared papers (paths through
# papers, as the API counts them), indexed by both, and `coauthorsKept` on the author once they
# are all there. The rest are ranked at request time: a few hundred paths at most.
COAUTHOR_LINK: Final = "COAUTHOR"
COAUTHOR_OF: Final = "of"
COAUTHOR_SHARED: Final = "shared"
COAUTHORS_KEPT: Final = "coauthorsKept"
KEEP_COAUTHORS_FROM: Final = 100
COAUTHOR_INDEX: Final = "coauthor_of_shared"


FULLTEXT_INDEX: Final = "paper_text"
# The typeahead's index over the properties graphdb/suggest.py makes (its tokens: whitespace).
SUGGEST_INDEX: Final = "suggest"
SUGGESTED_LABELS: Final = ("Paper", "Author", "Task", "Dataset", "Method")


def schema_statements() -> list[str]:
    """DDL for the whole model; names are derived from label and property so reruns match."""
    # imported here: they use the driver, which the bulk path's scorers do without
    from graphdb import contributions, tokens

    statements = [
        f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        for label, key in NODE_KEYS.items()
    ]
    statements.append(counts.CONSTRAINT)  # the one node of the graph's numbers (graphdb/counts.py)
    statements += [tokens.CONSTRAINT, *contributions.CONSTRAINTS]  # API tokens, submissions
    statements += [
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in LOOKUP_INDEXES
    ]
    statements += [
        f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON ({', '.join('n.' + p for p in props)})"
        for name, label, props in COMPOSITE_INDEXES
    ]
    statements += [
        f"CREATE INDEX {dated_link_index(rel_type)} IF NOT EXISTS "
        f"FOR ()-[r:{rel_type}]-() ON (r.{LINK_NAME}, r.{LINK_DATE})"
        for rel_type in DATED_LINKS
    ]
    statements.append(
        f"CREATE INDEX {COAUTHOR_INDEX} IF NOT EXISTS "
        f"FOR ()-[r:{COAUTHOR_LINK}]-() ON (r.{COAUTHOR_OF}, r.{COAUTHOR_SHARED})"
    )
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        "FOR (p:Paper) ON EACH [p.title, p.abstract]"
    )
    statements.append(
        f"CREATE FULLTEXT INDEX {SUGGEST_INDEX} IF NOT EXISTS FOR (n:{'|'.join(SUGGESTED_LABELS)}) "
        "ON EACH [n.suggest, n.suggestTags] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
    )
    return statements


def ensure_schema(driver: Driver, database: str | None = None, *, wait_seconds: int = 300,
                  wait: bool = True) -> None:  # fmt: skip
    """Create every constraint and index that is missing, then wait until they are online.

    Without `wait`, return once they exist: a constraint is online when made (Neo4j checks
    it as it makes it), the indexes populate in the background until `await_indexes`. The
    constraints come first: made while the indexes populate, they waited for them (62.5 s
    against 9.7 on the 600,000-paper import)."""
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    if wait:
        await_indexes(driver, database, wait_seconds=wait_seconds)


def await_indexes(driver: Driver, database: str | None = None, *, wait_seconds: int = 300) -> None:
    """Wait until every index is online (the full-text ones take longest to populate)."""
    driver.execute_query("CALL db.awaitIndexes($seconds)", seconds=wait_seconds, database_=database)
