"""How many papers a task, dataset, method or author lists, as the papers list counts them.

`papers(where: {task: T, hasCode: true}) { totalCount }` would otherwise count tens of
thousands of papers at request time on the real archive's largest tasks. The loader keeps
three numbers on each of these nodes (loaders/phases.py, "list counts"): its papers that are
not stubs, those with any code, and those with official code, exactly the papers the root
list finds for `{X: name}`, `{X: name, hasCode: true}` and `{X: name, officialCodeOnly: true}`.
The API reads them (schema/lane/translate.py) and counts live only on a node not counted
yet (a graph loaded before they were kept). Shared by both, so that they count alike.

Beside them each node keeps its papers per year of publication (`papersByYear`, a chart on
every task, dataset, method and author page: 170 ms for the largest task of 600,000 papers
counted at request time) as one flat list, [year, papers, year, papers, ...] oldest first.
"""

from __future__ import annotations

from enum import Enum
from typing import Final, LiteralString


class Kept(Enum):
    """Which papers of the node: the kept property and the condition it counts."""

    PAPERS = ("listedPapers", "")
    WITH_CODE = ("listedPapersWithCode", " AND EXISTS { (p)-[:HAS_CODE]->() }")
    WITH_OFFICIAL_CODE = ("listedPapersWithOfficialCode", " AND EXISTS { (p)-[:HAS_CODE {official: true}]->() }")  # fmt: skip

    @property
    def prop(self) -> str:
        return self.value[0]


# The `where` field naming the node -> (label, the relationship from its papers).
FEATURES: Final[dict[str, tuple[LiteralString, LiteralString]]] = {
    "task": ("Task", "ADDRESSES"),
    "dataset": ("Dataset", "USES_DATASET"),
    "method": ("Method", "USES_METHOD"),
    "author": ("Author", "AUTHORED_BY"),
}


def count_of(feature: str, kept: Kept, node: str = "f") -> str:
    """The live count of `node`'s papers that `kept` keeps: what the loader stores."""
    _, rel = FEATURES[feature]
    return f"COUNT {{ ({node})<-[:{rel}]-(p:Paper) WHERE p.stub IS NULL{kept.value[1]} }}"


# The property keeping a node's papers per year, and the flag of a node whose papers' dates
# changed while its papers did not (the papers writer sets it on a changed paper's datasets).
YEARS: Final = "yearCounts"
YEARS_STALE: Final = "yearsStale"


def years_of(papers: str) -> str:
    """The flat [year, papers, ...] list of the papers that the clauses `papers` bind to `n`
    (each once), as an expression: what the loader keeps, counted as the API counts it."""
    return (
        f"reduce(flat = [], pair IN COLLECT {{ {papers} WITH n.published.year AS year "
        "WHERE year IS NOT NULL WITH year, count(*) AS papers ORDER BY year "
        "RETURN [year, papers] } | flat + pair)"
    )


def kept_sets(feature: str, node: str = "f") -> str:
    """The SET items that count `node`'s kept numbers and years again."""
    _, rel = FEATURES[feature]
    counts = [f"{node}.{k.prop} = {count_of(feature, k, node)}" for k in Kept]
    years = years_of(f"MATCH ({node})<-[:{rel}]-(n:Paper)")
    return ", ".join([*counts, f"{node}.{YEARS} = {years}"])


def read_count(feature: str, kept: Kept, anchor: str) -> str:
    """Clauses ending in `RETURN` and the number (no alias) for the node named by the parameter
    `anchor`: 0 when there is no such node, the kept number, or a live count when not kept."""
    label, _ = FEATURES[feature]
    return (
        f"OPTIONAL MATCH (f:{label} {{name: {anchor}}}) RETURN CASE WHEN f IS NULL THEN 0 "
        f"WHEN f.{kept.prop} IS NOT NULL THEN f.{kept.prop} ELSE {count_of(feature, kept)} END"
    )


def recount_query(feature: str) -> str:
    """The loader's statement for one label: each node whose papers changed (relatedStale, set
    by the writers and cleared later by the related step), whose papers' code changed
    (codeCountStale), or never counted, counted again; its flag cleared in the same
    transaction."""
    label, _ = FEATURES[feature]
    return (
        f"MATCH (f:{label})\n"
        f"WHERE f.relatedStale = true OR f.codeCountStale = true OR f.{YEARS_STALE} = true\n"
        f"   OR f.{Kept.PAPERS.prop} IS NULL OR f.{YEARS} IS NULL\n"
        f"CALL (f) {{\n  SET {kept_sets(feature)}\n  REMOVE f.codeCountStale, f.{YEARS_STALE}\n"
        f"}} IN TRANSACTIONS OF 5000 ROWS\n"
        f"RETURN count(f) AS n"
    )


# Papers that gained code or whose code turned official or not (codeStale, set by the code
# links writer): their tasks, datasets, methods and authors are flagged, the paper's flag
# cleared, in one transaction per batch.
FLAG_CODE_CHANGES: Final = (
    "MATCH (p:Paper {codeStale: true})\n"
    "CALL (p) {\n"
    "  OPTIONAL MATCH (p)-[:ADDRESSES|USES_DATASET|USES_METHOD|AUTHORED_BY]->(f)\n"
    "  SET f.codeCountStale = true\n"
    "  WITH DISTINCT p REMOVE p.codeStale\n"
    "} IN TRANSACTIONS OF 5000 ROWS\n"
    "RETURN count(p) AS n"
)


def recount_paper_features_query() -> str:
    """The kept totals of every task, dataset, method and author of the paper `$slug`, counted
    again: an approved contribution (a code link, or a result that gives the paper a dataset)
    changes them in its own transaction, not at the next load."""
    blocks = []
    for feature, (label, rel) in FEATURES.items():
        blocks.append(f"CALL (p) {{ MATCH (p)-[:{rel}]->(f:{label}) SET {kept_sets(feature)} }}")
    return "MATCH (p:Paper {slug: $slug})\n" + "\n".join(blocks) + "\nRETURN count(p) AS n"
