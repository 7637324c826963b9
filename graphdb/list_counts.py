"""How many papers a task, dataset, method or author lists, as the papers list counts them.

`papers(where: {task: T, hasCode: true}) { totalCount }` would otherwise count tens of
thousands of papers at request time on the real archive's largest tasks. The loader keeps
three numbers on each of these nodes (loaders/phases.py, "list counts"): its papers that are
not stubs, those with any code, and those with official code, exactly the papers the root
list finds for `{X: name}`, `{X: name, hasCode: true}` and `{X: name, officialCodeOnly: true}`.
The API reads them (schema/lane/translate.py) and counts live only on a node not counted
yet (a graph loaded before they were kept). Shared by both, so that they count alike.
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
    sets = ",\n      ".join(f"f.{k.prop} = {count_of(feature, k)}" for k in Kept)
    return (
        f"MATCH (f:{label})\n"
        f"WHERE f.relatedStale = true OR f.codeCountStale = true OR f.{Kept.PAPERS.prop} IS NULL\n"
        f"CALL (f) {{\n  SET {sets}\n  REMOVE f.codeCountStale\n}} IN TRANSACTIONS OF 5000 ROWS\n"
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
        sets = ", ".join(f"f.{k.prop} = {count_of(feature, k)}" for k in Kept)
        blocks.append(f"CALL (p) {{ MATCH (p)-[:{rel}]->(f:{label}) SET {sets} }}")
    return "MATCH (p:Paper {slug: $slug})\n" + "\n".join(blocks) + "\nRETURN count(p) AS n"
