"""The numbers of the whole graph that root `stats` shows and Neo4j's count store cannot give.

The count store answers how many nodes a label has (`MATCH (n:Author) RETURN count(n)` reads
one number, whatever the graph's size), not how many have a property or a relationship. Those
numbers are kept on one node, `(:GraphCounts {name: 'graph'})`: the online loader counts them
again at the end of every load (loaders/phases.py: scans of the papers and the results, 0.9 s
at 600,000 papers), a bulk load counts them in memory and imports the node
(loaders/bulk/derive.py), the API reads them there, and counts them live only on a graph
loaded before they were kept. Shared by all three, so that they count alike.
"""

from __future__ import annotations

from typing import Final

LABEL: Final = "GraphCounts"
KEY: Final = "graph"

# Stats field -> a query returning the one number, as the API's lists count it: `papers`
# (not stubs), `papers(where: {hasCode: true})`, `leaderboards` (task and dataset pairs).
COUNTED: Final[dict[str, str]] = {
    "papers": "MATCH (n:Paper) WHERE n.stub IS NULL RETURN count(n)",
    "papersWithCode": (
        "MATCH (n:Paper) WHERE n.stub IS NULL AND EXISTS { (n)-[:HAS_CODE]->() } RETURN count(n)"
    ),
    "leaderboards": (
        "MATCH (t:Task)<-[:ON_TASK]-(:Result)-[:ON_DATASET]->(d:Dataset) "
        "WITH DISTINCT t, d RETURN count(*)"
    ),
}

CONSTRAINT: Final = (
    f"CREATE CONSTRAINT graphcounts_name_unique IF NOT EXISTS "
    f"FOR (c:{LABEL}) REQUIRE c.name IS UNIQUE"
)


def keep_counts_query() -> str:
    """The loader's statement: every number of COUNTED counted again (in one statement, so that
    they agree), and written only where it differs from the kept one."""
    calls = "\n".join(f"CALL () {{ {query} AS {name} }}" for name, query in COUNTED.items())
    names = ", ".join(COUNTED)
    differs = " OR ".join(f"c.{name} IS NULL OR c.{name} <> {name}" for name in COUNTED)
    sets = ", ".join(f"c.{name} = {name}" for name in COUNTED)
    return (f"{calls}\nMERGE (c:{LABEL} {{name: '{KEY}'}})\nWITH c, {names} WHERE {differs}\n"
            f"SET {sets}\nRETURN count(c) AS n")  # fmt: skip
