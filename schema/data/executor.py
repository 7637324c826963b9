"""The one place the API runs Cypher: a read with a timeout, errors made user-safe.

Every request's statement goes through `run_whole`: one auto-commit read with the
transaction timeout, counted (tests assert one statement per request). A database that is
down, or does not give a connection in time, becomes DatabaseUnavailable (the API answers
503), a statement over the timeout QueryTimeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, AsyncDriver, Query
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

# Beyond the transaction timeout Neo4j enforces itself, before the request gives up waiting.
_GRACE_SECONDS = 1.0


class DatabaseUnavailable(Exception):
    """Neo4j cannot be reached right now; the request may succeed later."""


class QueryTimeout(Exception):
    """A query ran longer than the transaction timeout and was stopped by Neo4j."""


@dataclass
class CypherExecutor:
    driver: AsyncDriver
    database: str | None = None
    timeout_seconds: float = 10.0
    queries_run: int = 0  # statements sent by this executor (one per request): tests assert on it

    async def run_whole(self, cypher: str, params: Mapping[str, Any]) -> list[Any]:
        """The records of a request's statement (schema/lane), within the timeout from first
        to last: waiting for a connection counts too, so a database that hangs (restarting,
        overloaded) answers 503 in time instead of holding the request."""
        self.queries_run += 1
        connected = False
        try:
            async with asyncio.timeout(self.timeout_seconds + _GRACE_SECONDS):
                async with self.driver.session(
                    database=self.database, default_access_mode=READ_ACCESS
                ) as session:
                    # Our fixed texts, assembled by schema/lane/translate.py: never client values.
                    query = Query(cypher, timeout=self.timeout_seconds)
                    result = await session.run(query, dict(params))
                    connected = True
                    return [record async for record in result]
        except TimeoutError as exc:
            if not connected:
                raise DatabaseUnavailable(
                    f"the graph database did not answer within {self.timeout_seconds:g}s; "
                    "try again shortly"
                ) from exc
            raise QueryTimeout(self._too_long()) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise DatabaseUnavailable(
                "the graph database is unavailable; try again shortly"
            ) from exc
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise QueryTimeout(self._too_long()) from exc
            raise

    def _too_long(self) -> str:
        return (
            f"the request took longer than the {self.timeout_seconds:g}s limit; "
            "ask for smaller pages or fewer nested lists"
        )
