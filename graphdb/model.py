"""The graph model's schema: unique keys, lookup indexes and the full-text index.

The labels and keys are the contract of ../shared/design/api.md. Every statement
is idempotent (IF NOT EXISTS), so the loaders run `ensure_schema` before each load.
"""

from __future__ import annotations

from typing import Final

from neo4j import Driver

from graphdb import contributions, counts, tokens

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

FULLTEXT_INDEX: Final = "paper_text"
# The typeahead's index over the properties graphdb/suggest.py makes (its tokens: whitespace).
SUGGEST_INDEX: Final = "suggest"
SUGGESTED_LABELS: Final = ("Paper", "Author", "Task", "Dataset", "Method")


def schema_statements() -> list[str]:
    """DDL for the whole model; names are derived from label and property so reruns match."""
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
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        "FOR (p:Paper) ON EACH [p.title, p.abstract]"
    )
    statements.append(
        f"CREATE FULLTEXT INDEX {SUGGEST_INDEX} IF NOT EXISTS FOR (n:{'|'.join(SUGGESTED_LABELS)}) "
        "ON EACH [n.suggest, n.suggestTags] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
    )
    return statements


def ensure_schema(driver: Driver, database: str | None = None, *, wait_seconds: int = 300) -> None:
    """Create every constraint and index that is missing, then wait until they are online."""
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes($seconds)", seconds=wait_seconds, database_=database)
