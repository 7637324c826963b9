"""One Cypher statement per level of a request: the queries asked for together go together.

The resolvers of one level of a GraphQL response start in the same turn of the
event loop, and their DataLoaders dispatch a turn or two later, each with one
query for all its parents. `LevelBatcher` collects the queries submitted until
a turn of the loop passes with no new one, then sends them to Neo4j as one
statement (`merge_statements`): a paper page's authors, tasks, methods,
datasets, code, results and related papers cost one round trip and one
transaction instead of eight.

How queries are merged: each becomes a `COLLECT { CALL () { <query> } RETURN
[<its columns>] }` of a single RETURN, so a query that finds nothing yields an
empty list instead of removing the row of the others, and each query's
parameters are renamed with its own prefix (`$keys` -> `$q2_keys`), so no query
sees another's values. Only our fixed query texts are rewritten; client values
stay parameters.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class ReadQuery:
    """A read query and the columns of its rows (the names after RETURN, in order)."""

    text: str
    params: Mapping[str, Any]
    columns: tuple[str, ...]


def merge_statements(queries: Sequence[ReadQuery]) -> tuple[str, dict[str, Any]]:
    """One statement returning one column `r<i>` per query: the list of its rows as lists."""
    returns: list[str] = []
    params: dict[str, Any] = {}
    for i, query in enumerate(queries):
        prefix = f"q{i}_"
        text = _PARAMETER.sub("$" + prefix + r"\1", query.text)
        returns.append(
            f"COLLECT {{ CALL () {{ {text} }} RETURN [{', '.join(query.columns)}] }} AS r{i}"
        )
        params.update({prefix + name: value for name, value in query.params.items()})
    return "RETURN " + ",\n       ".join(returns), params


def split_rows(queries: Sequence[ReadQuery], record: Mapping[str, Any]) -> list[list[Row]]:
    """The merged statement's one record back into each query's rows."""
    return [
        [dict(zip(query.columns, values, strict=True)) for values in record[f"r{i}"]]
        for i, query in enumerate(queries)
    ]


SendStatement = Callable[[str, Mapping[str, Any]], Awaitable[list[Mapping[str, Any]]]]


@dataclass
class _Waiting:
    query: ReadQuery
    rows: asyncio.Future[list[Row]]


@dataclass
class LevelBatcher:
    """Per request: gathers the queries of a level and sends them as one statement."""

    send: SendStatement  # runs one statement in one read transaction
    _waiting: list[_Waiting] = field(default_factory=list)
    _seen: int = 0
    _scheduled: bool = False
    _sending: set[asyncio.Task[None]] = field(default_factory=set)

    def submit(self, query: ReadQuery) -> asyncio.Future[list[Row]]:
        loop = asyncio.get_running_loop()
        rows: asyncio.Future[list[Row]] = loop.create_future()
        self._waiting.append(_Waiting(query, rows))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._settle)
        return rows

    def _settle(self) -> None:
        # Sibling fields' loaders dispatch within a turn or two of each other: wait for a
        # turn that adds nothing, then send what has gathered.
        loop = asyncio.get_running_loop()
        if len(self._waiting) != self._seen:
            self._seen = len(self._waiting)
            loop.call_soon(self._settle)
            return
        waiting, self._waiting, self._seen, self._scheduled = self._waiting, [], 0, False
        task = loop.create_task(self._send_level(waiting))
        self._sending.add(task)  # a reference, so the task is not collected mid-flight
        task.add_done_callback(self._sending.discard)

    async def _send_level(self, waiting: list[_Waiting]) -> None:
        queries = [w.query for w in waiting]
        try:
            if len(queries) == 1:  # alone: sent as written (its own plan, no wrapping)
                query = queries[0]
                records = await self.send(query.text, query.params)
                results = [[{c: record[c] for c in query.columns} for record in records]]
            else:
                text, params = merge_statements(queries)
                records = await self.send(text, params)
                results = split_rows(queries, records[0])
        except asyncio.CancelledError:
            for w in waiting:
                w.rows.cancel()
            raise
        except Exception as error:  # every waiting resolver gets the statement's error
            for w in waiting:
                if not w.rows.done():
                    w.rows.set_exception(error)
            return
        for w, rows in zip(waiting, results, strict=True):
            if not w.rows.done():
                w.rows.set_result(rows)
