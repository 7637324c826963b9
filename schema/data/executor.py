"""The one place the API runs Cypher: read transactions with a timeout, errors made user-safe.

Every query goes through `run_read`, which joins it to the statement of its
level (level.py) so that a level of a request costs one round trip. Each
statement sent gets the transaction timeout and is counted (tests assert the
bound on round trips per request), and a database that is down becomes a
DatabaseUnavailable error the schema reports as SERVICE_UNAVAILABLE.

Within a request, the same query with the same parameters is asked once: a
second ask gets the first one's answer (or error). A request that planned
execution hands to graphql-core (schema/execution) resolves its fields again,
and this keeps that second run from sending its statements again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, LiteralString

import orjson
from neo4j import READ_ACCESS, AsyncDriver, Query
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

from schema.data.level import LevelBatcher, ReadQuery, Row


class DatabaseUnavailable(Exception):
    """Neo4j cannot be reached right now; the request may succeed later."""


class QueryTimeout(Exception):
    """A query ran longer than the transaction timeout and was stopped by Neo4j."""


@dataclass
class CypherExecutor:
    driver: AsyncDriver
    database: str | None = None
    timeout_seconds: float = 10.0
    queries_run: int = (
        0  # statements sent, per request (an executor per request): tests assert on it
    )
    _level: LevelBatcher = field(init=False)
    _asked: dict[tuple[str, bytes], asyncio.Future[list[Row]]] = field(
        init=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self._level = LevelBatcher(self._send)

    async def run_read(
        self, cypher: LiteralString, params: Mapping[str, Any], columns: tuple[str, ...]
    ) -> list[Row]:
        """The rows of one read query (a dict per row, `columns` as keys), sent with its level."""
        key = _asked_key(cypher, params, columns)
        if key is None:
            return await self._level.submit(ReadQuery(cypher, params, columns))
        rows = self._asked.get(key)
        if rows is None:
            rows = self._asked[key] = self._level.submit(ReadQuery(cypher, params, columns))
        return await rows

    async def run_whole(self, cypher: str, params: Mapping[str, Any]) -> list[Any]:
        """The records of a statement that is a whole request (execution/compile.py): sent
        alone and at once, as `_send` sends every statement."""
        return await self._send(cypher, params)

    async def _send(self, cypher: str, params: Mapping[str, Any]) -> list[Any]:
        """One auto-commit read (no BEGIN/COMMIT round trips) with the transaction timeout."""
        self.queries_run += 1
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=READ_ACCESS
            ) as session:
                # Our fixed texts, or their merge by level.py: never client values.
                query = Query(cypher, timeout=self.timeout_seconds)
                result = await session.run(query, dict(params))
                return [record async for record in result]
        except (ServiceUnavailable, SessionExpired) as exc:
            raise DatabaseUnavailable(
                "the graph database is unavailable; try again shortly"
            ) from exc
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise QueryTimeout(
                    f"the request took longer than the {self.timeout_seconds:g}s limit; "
                    "ask for smaller pages or fewer nested lists"
                ) from exc
            raise


def _asked_key(
    cypher: str, params: Mapping[str, Any], columns: tuple[str, ...]
) -> tuple[str, bytes] | None:
    """The query and its parameters as a key (dates tagged with their type, so they never
    equal a string); None for parameters that have no such form."""
    try:
        values = orjson.dumps(
            [params, columns],
            option=orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME,
            default=_tagged,
        )
    except TypeError:
        return None
    return cypher, values


def _tagged(value: Any) -> list[str]:
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return [type(value).__name__, value.isoformat()]
    raise TypeError(type(value).__name__)
