"""The lane's writes: mutations and the private root `submissions`, with the caller's token.

These are not translated into one read statement (translate.py): a mutation runs its root
fields in order in one write transaction (all written or none; graphdb/contributions.py holds
the Cypher), and graphql-core completes the answer from the submission maps the fields
return (every Submission field is a stored value). Limits the lane checks for queries (length,
tokens, depth, aliases, cost, strings) are checked before, as for any operation. Here:

- no token: UNAUTHENTICATED (HTTP 401 with WWW-Authenticate); a wrong or revoked one is
  refused by the HTTP layer before the lane;
- a mutation over GET: HTTP 405 (a link or an image must not write);
- more mutations a minute than the token may make: RATE_LIMITED (HTTP 429, Retry-After);
- a role or account that may not: FORBIDDEN; a refused field: BAD_USER_INPUT with `field`;
- an `Idempotency-Key` (per token): the first answer is stored with the writes, in their
  transaction; a retry answers it again and writes nothing; the same key with another request
  is refused.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    execute,
)
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graphdb import contributions as writes
from graphdb.contributions import Forbidden, InputError, Tx
from graphdb.tokens import Caller
from schema.data.cursors import decode_cursor, decode_id, encode_cursor, encode_id
from schema.data.executor import CypherExecutor
from schema.errors import BAD_USER_INPUT, SERVICE_UNAVAILABLE, UserInputError
from schema.types.connection import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

log = logging.getLogger("papers_graph.api")

UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
RATE_LIMITED = "RATE_LIMITED"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
# What a 401 says of how to authenticate (RFC 6750).
CHALLENGE = 'Bearer realm="papers-graph"'
IDEMPOTENCY_KEY_CHARS = 200


@dataclass(frozen=True)
class Context:
    """What the HTTP layer knows of a request besides its GraphQL."""

    method: str = "POST"
    caller: Caller | None = None
    idempotency_key: str | None = None


@dataclass
class Outcome:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class RateLimiter:
    """Per token, at most `per_minute` mutations in any 60 seconds (in this process: each
    worker of `serve --workers N` counts its own)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}

    def wait(self, key: str) -> float:
        """0 when the mutation may run now (and it is counted), else the seconds to wait."""
        now = self.clock()
        seen = self._seen.setdefault(key, deque())
        while seen and seen[0] <= now - 60:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return 60 - (now - seen[0])
        seen.append(now)
        if len(self._seen) > 10_000:  # forget tokens idle for a minute
            self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - 60}
        return 0.0


def error(message: str, code: str, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **extensions})


def failed(status: int, errors: Sequence[GraphQLError], headers: dict[str, str] | None = None,
           data: bool = True) -> Outcome:  # fmt: skip
    body: dict[str, Any] = {"errors": [e.formatted for e in errors]}
    if data:
        body = {"data": None, **body}
    return Outcome(status, body, headers or {})


def unauthenticated(what: str) -> Outcome:
    message = (
        f"{what} needs a token: send `Authorization: Bearer TOKEN` (papers-graph token create)"
    )
    return failed(401, [error(message, UNAUTHENTICATED)], {"www-authenticate": CHALLENGE})


class Writes:
    """Per app: how mutations and `submissions` are answered."""

    def __init__(self, schema: GraphQLSchema, executor: Callable[[], CypherExecutor],
                 per_minute: int) -> None:  # fmt: skip
        self.schema = schema
        self.executor = executor
        self.limiter = RateLimiter(per_minute)

    async def mutation(self, document: DocumentNode, operation: OperationDefinitionNode,
                       variables: Mapping[str, Any], context: Context) -> Outcome:  # fmt: skip
        if context.method != "POST":
            return failed(405, [error("a mutation is sent with POST, never GET",
                                      METHOD_NOT_ALLOWED)], {"allow": "POST"}, data=False)  # fmt: skip
        caller = context.caller
        if caller is None:
            return unauthenticated("a mutation")
        wait = self.limiter.wait(caller.token_id)
        if wait:
            seconds = max(1, math.ceil(wait))
            return failed(429, [error(
                f"more than {self.limiter.per_minute} mutations a minute with this token; "
                f"retry in {seconds} s", RATE_LIMITED, retryAfter=seconds)],
                {"retry-after": str(seconds)})  # fmt: skip
        key = context.idempotency_key
        if key is not None and not 0 < len(key) <= IDEMPOTENCY_KEY_CHARS:
            return failed(400, [error(f"Idempotency-Key: 1 to {IDEMPOTENCY_KEY_CHARS} "
                                      "characters", BAD_USER_INPUT)])  # fmt: skip
        request = hashlib.sha256(orjson.dumps(
            [operation.loc.source.body if operation.loc else "", operation.name.value
             if operation.name else None, variables], option=orjson.OPT_SORT_KEYS,
            default=str)).hexdigest()  # fmt: skip
        return await self._in_transaction(
            lambda tx: self._mutate(tx, document, operation, variables, caller),
            caller,
            key,
            request,
        )

    async def _in_transaction(self, work: Callable[[Tx], Awaitable[Outcome]], caller: Caller,
                              key: str | None, request: str) -> Outcome:  # fmt: skip
        executor = self.executor()
        try:
            async with executor.driver.session(database=executor.database) as session:
                tx = await session.begin_transaction(timeout=executor.timeout_seconds)
                try:
                    if key is not None:
                        record = writes.idempotency_key(caller.token_id, key)
                        asked, stored = await writes.claim(tx, record, request)
                        if asked != request:
                            return failed(422, [error(
                                "Idempotency-Key: this key was used with another request; "
                                "use a new key for a new request", BAD_USER_INPUT)])  # fmt: skip
                        if stored is not None:
                            outcome = Outcome(200, orjson.loads(stored),
                                              {"idempotent-replayed": "true"})  # fmt: skip
                            return outcome
                    outcome = await work(tx)
                    if outcome.body.get("errors"):
                        return outcome  # nothing written: rolled back on leaving
                    if key is not None:
                        await writes.store_answer(tx, record, orjson.dumps(outcome.body).decode())
                    await tx.commit()
                    return outcome
                finally:
                    if not tx.closed():
                        await tx.rollback()
        except (ServiceUnavailable, SessionExpired, OSError):
            return failed(503, [error("the graph database is unavailable; try again shortly",
                                      SERVICE_UNAVAILABLE)], {"retry-after": "5"})  # fmt: skip

    async def _mutate(self, tx: Tx, document: DocumentNode, operation: OperationDefinitionNode,
                      variables: Mapping[str, Any], caller: Caller) -> Outcome:  # fmt: skip
        root = MutationRoot(tx, caller)
        result = execute(self.schema, document, root_value=root,
                         operation_name=operation.name.value if operation.name else None,
                         variable_values=dict(variables))  # fmt: skip
        done = await result if isinstance(result, Awaitable) else result
        return _outcome(done)

    async def private(self, document: DocumentNode, operation: OperationDefinitionNode,
                      fields: Mapping[str, Sequence[FieldNode]], variables: Mapping[str, Any],
                      context: Context) -> tuple[dict[str, Any], list[dict[str, Any]], Outcome | None]:  # fmt: skip
        """The private root fields of a query (`submissions`): their data and errors, or the
        refusal of the whole request (no token)."""
        if context.caller is None:
            return (
                {},
                [],
                unauthenticated(" and ".join(f"`{n[0].name.value}`" for n in fields.values())),
            )
        only = OperationDefinitionNode(
            operation=OperationType.QUERY, name=operation.name,
            variable_definitions=operation.variable_definitions,
            directives=operation.directives,
            selection_set=SelectionSetNode(selections=tuple(n for ns in fields.values() for n in ns)),
        )  # fmt: skip
        fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
        executor = self.executor()
        try:
            async with executor.driver.session(database=executor.database) as session:
                tx = await session.begin_transaction(timeout=executor.timeout_seconds)
                try:
                    result = execute(self.schema, DocumentNode(definitions=(only, *fragments)),
                                     root_value=QueryRoot(tx, context.caller),
                                     variable_values=dict(variables))  # fmt: skip
                    done = await result if isinstance(result, Awaitable) else result
                finally:
                    await tx.rollback()
        except (ServiceUnavailable, SessionExpired, OSError):
            outage = failed(503, [error("the graph database is unavailable; try again shortly",
                                        SERVICE_UNAVAILABLE)], {"retry-after": "5"})  # fmt: skip
            return {}, [], outage
        return dict(done.data or {}), [dict(e.formatted) for e in done.errors or ()], None


def _outcome(result: ExecutionResult) -> Outcome:
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [e.formatted for e in result.errors]
        for e in result.errors:
            if e.original_error is not None and not isinstance(e.original_error, GraphQLError):
                log.error("a mutation failed", exc_info=e.original_error)
    return Outcome(200, body)


def _refusal(exc: Exception) -> GraphQLError:
    if isinstance(exc, InputError):
        return error(str(exc), BAD_USER_INPUT, field=exc.field)
    if isinstance(exc, UserInputError):
        return error(str(exc), BAD_USER_INPUT)
    return error(str(exc), FORBIDDEN)


def _guarded(run: Callable[..., Awaitable[dict[str, Any]]]) -> Callable[..., Awaitable[Any]]:
    """A root resolver whose refusals become GraphQL errors with their codes."""

    async def resolve(self: Any, info: Any, **args: Any) -> Any:
        try:
            return await run(self, **args)
        except (InputError, UserInputError, Forbidden) as exc:
            raise _refusal(exc) from None

    return resolve


def _submission_id(value: str) -> str:
    type_name, key = decode_id(value, "id")
    if type_name != "Submission":
        raise InputError("id", f"{value!r} is not the id of a submission")
    return key


def shown(submission: dict[str, Any]) -> dict[str, Any]:
    """A submission map as its GraphQL type reads it: its global id."""
    return {**submission, "id": encode_id("Submission", submission["id"])}


@dataclass
class MutationRoot:
    """The Mutation type's fields (graphql-core calls them by name)."""

    tx: Tx
    caller: Caller

    @_guarded
    async def submitResult(self, input: dict[str, Any]) -> dict[str, Any]:
        fields = writes.result_fields(input)
        fields |= await writes.find_paper(self.tx, fields["paper"])
        await writes.board(self.tx, fields["task"], fields["dataset"], fields["metric"])
        await writes.refuse_duplicate_result(self.tx, fields)
        return shown(await writes.create_submission(self.tx, "RESULT", self.caller.name, fields))

    @_guarded
    async def submitCodeLink(self, input: dict[str, Any]) -> dict[str, Any]:
        fields = writes.code_link_fields(input)
        fields |= await writes.find_paper(self.tx, fields["paper"])
        await writes.refuse_duplicate_code_link(self.tx, fields)
        return shown(await writes.create_submission(self.tx, "CODE_LINK", self.caller.name,
                                                    fields))  # fmt: skip

    @_guarded
    async def reviewSubmission(self, id: str, decision: str,
                               reason: str | None = None) -> dict[str, Any]:  # fmt: skip
        if not self.caller.moderator:
            raise Forbidden("only a moderator's token may review submissions")
        reason = writes.text("reason", reason, "", required=False)
        return shown(await writes.review(self.tx, _submission_id(id), decision == "APPROVE",
                                         reason, self.caller.name))  # fmt: skip

    @_guarded
    async def withdrawSubmission(self, id: str) -> dict[str, Any]:
        return shown(await writes.withdraw(self.tx, _submission_id(id), self.caller.name))


@dataclass
class QueryRoot:
    """The private root fields of Query."""

    tx: Tx
    caller: Caller

    def viewer(self, _info: Any) -> dict[str, Any]:
        return {"name": self.caller.name, "role": self.caller.role}

    @_guarded
    async def submissions(self, status: str | None = None, first: int | None = None,
                          after: str | None = None) -> dict[str, Any]:  # fmt: skip
        size = DEFAULT_PAGE_SIZE if first is None else first
        if not 0 <= size <= MAX_PAGE_SIZE:
            raise UserInputError(f"first: 0 to {MAX_PAGE_SIZE} (got {size})")
        start = None
        if after is not None:
            at, last = decode_cursor(after, "submissions", ("str", "str"))
            start = (str(at), str(last))
        author = None if self.caller.moderator else self.caller.name
        rows, total = await writes.list_submissions(self.tx, author, status, size + 1, start)
        page = rows[:size]
        edges = [{"cursor": encode_cursor("submissions", [s["submittedAt"], s["id"]]),
                  "node": shown(s)} for s in page]  # fmt: skip
        return {
            "edges": edges,
            "nodes": [e["node"] for e in edges],
            "totalCount": total,
            "pageInfo": {
                "hasNextPage": len(rows) > size, "hasPreviousPage": after is not None,
                "startCursor": edges[0]["cursor"] if edges else None,
                "endCursor": edges[-1]["cursor"] if edges else None,
            },
        }  # fmt: skip
