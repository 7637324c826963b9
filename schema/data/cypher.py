"""The API's Cypher, named and in one place. Client values arrive only as parameters.

Batch queries take `$keys` and return one row per key that has data; the
DataLoaders put rows back in key order.
"""

from __future__ import annotations

from typing import Final

PAPERS_BY_SLUG: Final = """
UNWIND $keys AS key
MATCH (p:Paper {slug: key})
RETURN key, p {.*} AS node
"""

# Several papers can share an arXiv id in the archive; the first by slug wins, every time.
PAPERS_BY_ARXIV_ID: Final = """
UNWIND $keys AS key
CALL (key) {
  MATCH (p:Paper {arxivId: key})
  RETURN p ORDER BY p.slug LIMIT 1
}
RETURN key, p {.*} AS node
"""

AUTHORS_OF_PAPERS: Final = """
UNWIND $keys AS key
MATCH (:Paper {slug: key})-[r:AUTHORED_BY]->(a:Author)
WITH key, r.position AS position, a ORDER BY position
RETURN key, collect(a {.*}) AS nodes
"""
