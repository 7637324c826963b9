"""Resolving a reference to a paper (from methods, datasets) to the slug of a loaded paper."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

# By arXiv id, then by normalised title; the first slug in order when several match.
RESOLVE_PAPER_REFS = """
UNWIND $refs AS ref
RETURN ref.i AS i, coalesce(
  COLLECT { MATCH (p:Paper {arxivId: ref.arxivId}) RETURN p.slug ORDER BY p.slug LIMIT 1 }[0],
  COLLECT { MATCH (p:Paper {titleKey: ref.titleKey}) RETURN p.slug ORDER BY p.slug LIMIT 1 }[0]
) AS slug
"""


def resolve_paper_refs(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> None:
    """Give every row's `paper` ref a slug where one can be found; refs without stay unlinked.

    A ref from a Papers With Code URL already has its slug (and may name a paper
    that is not loaded yet: it becomes a stub with the ref's title).
    """
    pending = [
        {"i": i, "arxivId": row["paper"]["arxivId"], "titleKey": row["paper"]["titleKey"]}
        for i, row in enumerate(rows)
        if row["paper"] is not None and row["paper"]["slug"] is None
    ]
    if not pending:
        return
    for record in tx.run(RESOLVE_PAPER_REFS, refs=pending):
        if record["slug"] is not None:
            rows[record["i"]]["paper"]["slug"] = record["slug"]
