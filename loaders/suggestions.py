"""After the files: the typeahead's properties (graphdb/suggest.py) on every suggested node.

Each label is walked in key order, a page per transaction, and only the nodes whose properties
are missing or out of date come back: a node without `suggest` (new, or loaded before this
step existed), a paper whose content changed (it is still flagged `relatedStale`, cleared by
the related step that runs after this one: its title may have changed), and a node whose
popularity is not the one its tags were made from (`suggestCount`). Their text is made here
in Python (case, accent and ligature folding) and written with the tags. Reloading the same
dumps writes nothing; a load killed here leaves the rest out of date, and the next load,
walking again, finishes it. Stub papers are not suggested.

Popularity: a paper's number of code repositories, the others' `paperCount` (written by the
step before this one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, LiteralString

from neo4j import Driver, ManagedTransaction

from graphdb.suggest import suggest_tags, suggest_text
from loaders.memory import trim_heap
from loaders.write.sink import WriteCounts

BATCH: Final = 5_000


def _named_step(label: LiteralString, kind: str) -> tuple[str, LiteralString, LiteralString]:
    """The step of a label keyed by `name`, whose popularity is its `paperCount`."""
    find = (
        "MATCH (n:" + label + ") WHERE n.name > $after\n"
        "WITH n, coalesce(n.paperCount, 0) AS popularity\n"
        "WHERE n.suggest IS NULL OR n.suggestCount IS NULL OR n.suggestCount <> popularity\n"
        "RETURN n.name AS key, n.name AS name, popularity ORDER BY n.name LIMIT $batch"
    )
    write = (
        "UNWIND $rows AS row MATCH (n:" + label + " {name: row.key})\n"
        "SET n.suggest = row.text, n.suggestTags = row.tags, n.suggestCount = row.popularity"
    )
    return kind, find, write


# label -> (its type's token, the page of nodes to update after `$after`, the write)
STEPS: Final[dict[str, tuple[str, LiteralString, LiteralString]]] = {
    "Paper": (
        "paper",
        """MATCH (n:Paper) WHERE n.slug > $after AND n.stub IS NULL
WITH n, COUNT { (n)-[:HAS_CODE]->() } AS popularity
WHERE n.suggest IS NULL OR n.relatedStale IS NOT NULL OR n.suggestCount IS NULL
   OR n.suggestCount <> popularity
RETURN n.slug AS key, n.title AS name, popularity ORDER BY n.slug LIMIT $batch""",
        """UNWIND $rows AS row MATCH (n:Paper {slug: row.key})
SET n.suggest = row.text, n.suggestTags = row.tags, n.suggestCount = row.popularity""",
    ),
    "Author": _named_step("Author", "author"),
    "Task": _named_step("Task", "task"),
    "Dataset": _named_step("Dataset", "dataset"),
    "Method": _named_step("Method", "method"),
}


def update_suggestions(
    driver: Driver, database: str | None, counts: WriteCounts, on_batch: Callable[[int], None]
) -> int:
    """Bring every suggested node's properties up to date; returns how many were written."""
    total = 0
    # quiet: before the first run (or on an archive without stubs) the properties it reads
    # do not exist yet, and Neo4j warns about each
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        for kind, find, write in STEPS.values():
            after = ""
            while True:
                found = session.execute_read(_page, find, after)
                if not found:
                    break
                rows = [
                    {"key": r["key"], "text": suggest_text(r["name"] or ""),
                     "tags": suggest_tags(kind, int(r["popularity"])), "popularity": r["popularity"]}
                    for r in found
                ]  # fmt: skip
                session.execute_write(_write, write, rows, counts)
                trim_heap()  # the page's records and rows (loaders/memory.py says why)
                total += len(rows)
                on_batch(total)
                after = found[-1]["key"]
    return total


def _page(tx: ManagedTransaction, query: LiteralString, after: str) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(query, after=after, batch=BATCH)]


def _write(tx: ManagedTransaction, query: LiteralString, rows: list[dict[str, Any]],
           counts: WriteCounts) -> None:  # fmt: skip
    counts.add(tx.run(query, rows=rows).consume().counters)
