"""Per-request DataLoaders: every field that fetches data batches its keys into one query."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, LiteralString

from strawberry.dataloader import DataLoader

from schema.data import cypher
from schema.data.executor import CypherExecutor
from schema.data.values import plain_properties

Props = dict[str, Any]


def _by_key(rows: Sequence[Mapping[str, Any]], column: str) -> dict[Any, Any]:
    return {row["key"]: row[column] for row in rows}


class DataAccess:
    """Created per request (a loader shared across requests would serve stale cached data)."""

    def __init__(self, executor: CypherExecutor) -> None:
        self.executor = executor
        self.paper_by_slug = DataLoader(self._single(cypher.PAPERS_BY_SLUG))
        self.paper_by_arxiv_id = DataLoader(self._single(cypher.PAPERS_BY_ARXIV_ID))
        self.authors_of_paper = DataLoader(self._many(cypher.AUTHORS_OF_PAPERS))

    def _single(self, query: LiteralString) -> Any:
        async def load(keys: list[str]) -> list[Props | None]:
            rows = await self.executor.run_read(query, {"keys": keys})
            found = _by_key(rows, "node")
            return [plain_properties(found[k]) if k in found else None for k in keys]

        return load

    def _many(self, query: LiteralString) -> Any:
        async def load(keys: list[str]) -> list[list[Props]]:
            rows = await self.executor.run_read(query, {"keys": keys})
            found = _by_key(rows, "nodes")
            return [[plain_properties(n) for n in found.get(k, [])] for k in keys]

        return load
