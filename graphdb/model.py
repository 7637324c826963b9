"""The graph model's schema: unique keys, lookup indexes and the full-text index.

The labels and keys are the contract of ../shared/design/api.md. Every statement
is idempotent (IF NOT EXISTS), so the loaders run `ensure_schema` before each load.
"""

from __future__ import annotations

from typing import Final

from neo4j import Driver

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
}

# (label, property) pairs looked up or sorted on, besides the keys above
LOOKUP_INDEXES: Final[tuple[tuple[str, str], ...]] = (
    ("Paper", "arxivId"),
    ("Paper", "published"),
    ("Paper", "titleKey"),
    ("Paper", "pwcUrl"),
    ("Paper", "relatedStale"),
    ("Paper", "title"),
)

FULLTEXT_INDEX: Final = "paper_text"


def schema_statements() -> list[str]:
    """DDL for the whole model; names are derived from label and property so reruns match."""
    statements = [
        f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        for label, key in NODE_KEYS.items()
    ]
    statements += [
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in LOOKUP_INDEXES
    ]
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        "FOR (p:Paper) ON EACH [p.title, p.abstract]"
    )
    return statements


def ensure_schema(driver: Driver, database: str | None = None, *, wait_seconds: int = 300) -> None:
    """Create every constraint and index that is missing, then wait until they are online."""
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes($seconds)", seconds=wait_seconds, database_=database)
