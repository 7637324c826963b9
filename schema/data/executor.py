"""The one place the API runs Cypher: read transactions with a timeout, errors made user-safe.

Every query goes through `run_read` so that each gets the transaction timeout,
each is counted (tests assert the bound on round trips per request), and a
database that is down becomes a DatabaseUnavailable error the schema reports as
SERVICE_UNAVAILABLE.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import READ_ACCESS, AsyncDriver, Query, Record
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired


class DatabaseUnavailable(Exception):
    """Neo4j cannot be reached right now; the request may succeed later."""


class QueryTimeout(Exception):
    """A query ran longer than the transaction timeout and was stopped by Neo4j."""


@dataclass
class CypherExecutor:
    driver: AsyncDriver
    database: str | None = None
    timeout_seconds: float = 10.0
    queries_run: int = 0  # per request (the executor is created per request): tests assert on it

    async def run_read(self, cypher: LiteralString, params: Mapping[str, Any]) -> list[Record]:
        """One auto-commit read (no BEGIN/COMMIT round trips) with the transaction timeout."""
        self.queries_run += 1
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=READ_ACCESS
            ) as session:
                result = await session.run(
                    Query(cypher, timeout=self.timeout_seconds), dict(params)
                )
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
