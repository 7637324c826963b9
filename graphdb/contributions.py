"""Contributions' writes: every Cypher text of submitting, reviewing and withdrawing.

A submission is a `(:Submission {id})` node holding what it adds and its review; it touches
nothing else until a moderator approves it. Approving a result creates its `(:Result {key:
"community:<id>", source: "COMMUNITY"})` with the archive's links (REPORTS from its paper,
ON_TASK, ON_DATASET) and recomputes the ranks of its board's metric, in the same transaction
as the review (schema/lane/mutate.py runs an operation as one): a crash leaves the old state
or the new, never half. Approving a code link MERGEs the repository and the paper's HAS_CODE
link (marked `source: "COMMUNITY"`). A paper that gains a dataset so is flagged for the next
load's related-paper step (related papers and counts are the loader's). The loader never deletes community results (their key is
not an archive key: loaders/write/evaluation.py keeps them) and recomputes the boards that
hold them after each load (`community_ranks`).

Each function takes an open transaction; every client value is a parameter.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from neo4j import AsyncManagedTransaction, AsyncTransaction, ManagedTransaction

from graphdb.identifiers import normalize_arxiv_id
from graphdb.list_counts import recount_paper_features_query
from loaders.metrics import competition_ranks, higher_is_better, parse_metric_value
from schema.data.cursors import decode_id, encode_id

Tx = AsyncTransaction | AsyncManagedTransaction

# The longest text each field takes.
MAX_CHARS: Final[Mapping[str, int]] = {
    "paper": 300, "task": 300, "dataset": 300, "metric": 100, "value": 100, "model": 200,
    "evidenceUrl": 500, "codeUrl": 500, "repositoryUrl": 500, "framework": 40, "reason": 1000,
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The crash test's pause inside a review's transaction, after its writes (seconds).
REVIEW_PAUSE_ENV: Final = "PAPERS_GRAPH_TEST_REVIEW_PAUSE"
COMMUNITY_PREFIX: Final = "community:"

CONSTRAINTS: Final = (
    "CREATE CONSTRAINT submission_id_unique IF NOT EXISTS "
    "FOR (s:Submission) REQUIRE s.id IS UNIQUE",
    "CREATE CONSTRAINT idempotency_key_unique IF NOT EXISTS "
    "FOR (k:IdempotencyKey) REQUIRE k.key IS UNIQUE",
    "CREATE INDEX submission_submittedby IF NOT EXISTS FOR (s:Submission) ON (s.submittedBy)",
    "CREATE INDEX result_source IF NOT EXISTS FOR (r:Result) ON (r.source)",
)


class InputError(ValueError):
    """A field the client gave is refused: BAD_USER_INPUT naming `field`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class Forbidden(PermissionError):
    """The caller's role or account may not do this: FORBIDDEN."""


@dataclass(frozen=True)
class Board:
    metrics: list[str]
    metric_index: int | None  # the metric's column on the board (None: not one of its metrics)


# --- checks without the database ------------------------------------------------------------


def text(field: str, value: Any, where: str = "input", *, required: bool = True) -> str | None:
    """A text field: trimmed, within its length, without control characters."""
    name = f"{where}.{field}" if where else field
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(name, "is required")
        return None
    if not isinstance(value, str):
        raise InputError(name, "must be a string")
    trimmed: str = value.strip()
    if len(trimmed) > MAX_CHARS[field]:
        raise InputError(name, f"at most {MAX_CHARS[field]} characters (got {len(trimmed):,})")
    if _CONTROL.search(trimmed):
        raise InputError(name, "must not hold control characters (line breaks, tabs, ...)")
    return trimmed


def url(field: str, value: Any, *, required: bool = True) -> str | None:
    """A URL field: http or https with a host."""
    checked = text(field, value, required=required)
    if checked is None:
        return None
    parts = urlsplit(checked)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in checked:
        raise InputError(f"input.{field}", "must be an http(s) URL with a host")
    return checked


def result_fields(given: Mapping[str, Any]) -> dict[str, Any]:
    """A result submission's fields, checked, its value parsed as the loader parses it."""
    fields = {name: text(name, given.get(name))
              for name in ("paper", "task", "dataset", "metric", "value", "model")}  # fmt: skip
    parsed = parse_metric_value(fields["value"])
    if parsed.number is None:
        raise InputError("input.value", f"{fields['value']!r} holds no number")
    return {
        **fields,
        "numericValue": parsed.number,
        "errorBound": parsed.error_bound,
        "usesAdditionalData": bool(given.get("usesAdditionalData")),
        "evidenceUrl": url("evidenceUrl", given.get("evidenceUrl")),
        "codeUrl": url("codeUrl", given.get("codeUrl"), required=False),
    }


def code_link_fields(given: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "paper": text("paper", given.get("paper")),
        "repositoryUrl": url("repositoryUrl", given.get("repositoryUrl")),
        "official": bool(given.get("official")),
        "framework": text("framework", given.get("framework"), required=False),
    }


# --- reads ------------------------------------------------------------------------------------

FIND_PAPER = """
OPTIONAL MATCH (bySlug:Paper {slug: $slug})
OPTIONAL MATCH (byArxiv:Paper {arxivId: $arxiv})
WITH coalesce(bySlug, byArxiv) AS p ORDER BY p.slug LIMIT 1
RETURN p.slug AS slug, p.title AS title
"""


async def find_paper(tx: Tx, given: str) -> dict[str, Any]:
    """A paper by global id, slug or arXiv id (or URL)."""
    slug = given
    try:
        type_name, key = decode_id(given, "input.paper")
    except ValueError:
        type_name = ""
    if type_name == "Paper":
        slug = key
    result = await tx.run(FIND_PAPER, slug=slug, arxiv=normalize_arxiv_id(given))
    record = await result.single()
    if record is None or record["slug"] is None:
        raise InputError("input.paper", f"no paper has the id, slug or arXiv id {given!r}")
    return {"paper": record["slug"], "paperTitle": record["title"]}


BOARD = """
MATCH (t:Task {name: $task})
MATCH (d:Dataset {name: $dataset})
RETURN COLLECT {
  MATCH (t)<-[:ON_TASK]-(r:Result)-[:ON_DATASET]->(d)
  WITH r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position
  RETURN metric ORDER BY position, metric
} AS metrics
"""


async def board(tx: Tx, task: str, dataset: str, metric: str) -> Board:
    """The leaderboard the result is for: its task and dataset must be in the graph, and the
    metric one of its metrics when it has any."""
    record = await (await tx.run(BOARD, task=task, dataset=dataset)).single()
    if record is None:
        for field, query, name in (("task", "MATCH (n:Task {name: $name}) RETURN n", task),
                                   ("dataset", "MATCH (n:Dataset {name: $name}) RETURN n",
                                    dataset)):  # fmt: skip
            if await (await tx.run(query, name=name)).single() is None:
                raise InputError(f"input.{field}", f"no {field} is named {name!r}")
        raise InputError("input.task", "not found")  # unreachable: one of them is missing
    metrics = list(record["metrics"])
    if metrics and metric not in metrics:
        raise InputError("input.metric", f"the leaderboard {task} on {dataset} has no metric "
                         f"{metric!r}; its metrics: {', '.join(metrics)}")  # fmt: skip
    return Board(metrics, metrics.index(metric) if metric in metrics else None)


DUPLICATE_ROW = """
MATCH (r:Result {task: $task, dataset: $dataset, metric: $metric})
WHERE r.numericValue = $number AND toLower(trim(coalesce(r.model, ''))) = toLower($model)
OPTIONAL MATCH (p:Paper)-[:REPORTS]->(r)
RETURN r.key AS key, r.model AS model, r.value AS value, p.slug AS paper, r.rank AS rank
ORDER BY r.key LIMIT 1
"""

DUPLICATE_PENDING = """
MATCH (s:Submission {kind: 'RESULT', status: 'PENDING', task: $task, dataset: $dataset,
                     metric: $metric})
WHERE s.numericValue = $number AND toLower(s.model) = toLower($model) AND s.id <> $exceptId
RETURN s.id AS id LIMIT 1
"""


async def refuse_duplicate_result(tx: Tx, fields: Mapping[str, Any], except_id: str = "") -> None:
    """An exact duplicate (same model and number on the same board and metric) of a row on the
    board, or of another pending submission, is refused with the row it duplicates."""
    params = {"task": fields["task"], "dataset": fields["dataset"], "metric": fields["metric"],
              "number": fields["numericValue"], "model": fields["model"]}  # fmt: skip
    row = await (await tx.run(DUPLICATE_ROW, params)).single()
    if row is not None:
        where = f" of paper {row['paper']}" if row["paper"] else ""
        raise InputError("input.value", (
            f"the leaderboard already has this row: {row['model']} {row['value']} on "
            f"{fields['metric']}{where}, rank {row['rank']} (result "
            f"{encode_id('Result', row['key'])})"))  # fmt: skip
    pending = await (await tx.run(DUPLICATE_PENDING, params, exceptId=except_id)).single()
    if pending is not None:
        raise InputError("input.value", "a pending submission already adds this row "
                         f"(submission {encode_id('Submission', pending['id'])})")  # fmt: skip


EXISTING_CODE_LINK = """
MATCH (:Paper {slug: $paper})-[:HAS_CODE]->(r:Repository)
WHERE toLower(r.url) = toLower($url)
RETURN r.url AS url LIMIT 1
"""


async def refuse_duplicate_code_link(tx: Tx, fields: Mapping[str, Any]) -> None:
    found = await (await tx.run(EXISTING_CODE_LINK, paper=fields["paper"],
                                url=fields["repositoryUrl"])).single()  # fmt: skip
    if found is not None:
        raise InputError(
            "input.repositoryUrl", f"paper {fields['paper']} already links to {found['url']}"
        )


# --- writes -----------------------------------------------------------------------------------

CREATE_SUBMISSION = """
CREATE (s:Submission {id: $id})
SET s += $props, s.status = 'PENDING', s.submittedAt = datetime.truncate('millisecond', datetime())
RETURN s
"""


async def create_submission(
    tx: Tx, kind: str, author: str, fields: Mapping[str, Any]
) -> dict[str, Any]:
    props = {**fields, "kind": kind, "submittedBy": author}
    record = await (await tx.run(CREATE_SUBMISSION, id=uuid.uuid4().hex, props=props)).single()
    assert record is not None
    return submission_map(record["s"])


# Taken before reading a submission to review: a second review of it waits, then reads the
# first one's outcome.
LOCK_SUBMISSION = "MATCH (s:Submission {id: $id}) SET s.locked = true RETURN s.id AS id"
READ_SUBMISSION = "MATCH (s:Submission {id: $id}) RETURN s"
FINISH = """
MATCH (s:Submission {id: $id})
SET s.status = $status, s.decision = $decision, s.reason = $reason, s.reviewedBy = $by,
    s.reviewedAt = datetime(), s.resultId = $resultId
REMOVE s.locked
RETURN s
"""

ADD_RESULT = """
MATCH (s:Submission {id: $id})
MATCH (p:Paper {slug: s.paper})
MATCH (t:Task {name: s.task})
MATCH (d:Dataset {name: s.dataset})
CREATE (r:Result {key: $key})
SET r += $props, r.refSlug = p.slug
MERGE (p)-[:REPORTS]->(r)
MERGE (r)-[:ON_TASK]->(t)
MERGE (r)-[:ON_DATASET]->(d)
MERGE (p)-[u:USES_DATASET]->(d)
  ON CREATE SET p.relatedStale = true, d.relatedStale = true
RETURN r.key AS key
"""

ADD_CODE_LINK = """
MATCH (s:Submission {id: $id})
MATCH (p:Paper {slug: s.paper})
MERGE (r:Repository {url: s.repositoryUrl})
  ON CREATE SET r.owner = $owner, r.name = $name, r.framework = s.framework
MERGE (p)-[h:HAS_CODE]->(r)
  ON CREATE SET h.official = s.official, h.source = 'COMMUNITY', h.submission = s.id
SET r.paperCount = COUNT { (r)<-[:HAS_CODE]-(:Paper) }
RETURN r.url AS url
"""

BOARD_ROWS = """
MATCH (r:Result {task: $task, dataset: $dataset, metric: $metric})
RETURN r.key AS key, r.numericValue AS number, r.rank AS rank
"""

SET_RANKS = """
UNWIND $ranks AS row
MATCH (r:Result {key: row.key})
SET r.rank = row.rank
"""


async def lock(tx: Tx, submission_id: str) -> dict[str, Any]:
    """The submission, locked for this transaction."""
    if await (await tx.run(LOCK_SUBMISSION, id=submission_id)).single() is None:
        raise InputError("id", "no submission has this id")
    record = await (await tx.run(READ_SUBMISSION, id=submission_id)).single()
    assert record is not None
    return dict(record["s"])


def moved(rows: list[dict[str, Any]], metric: str) -> list[dict[str, Any]]:
    """A board metric's rows whose rank changes ("1224" ranks, as the loader ranks a table)."""
    ranks = competition_ranks([r["number"] for r in rows], higher_is_better(metric))
    return [{"key": r["key"], "rank": rank} for r, rank in zip(rows, ranks, strict=True)
            if r["rank"] != rank]  # fmt: skip


async def rerank(tx: Tx, task: str, dataset: str, metric: str) -> int:
    """Ranks of one board's metric again; the rows changed."""
    result = await tx.run(BOARD_ROWS, task=task, dataset=dataset, metric=metric)
    changed = moved([dict(r) async for r in result], metric)
    if changed:
        await tx.run(SET_RANKS, ranks=changed)
    return len(changed)


def rerank_sync(tx: ManagedTransaction, task: str, dataset: str, metric: str) -> int:
    """`rerank` for the loader (a sync transaction)."""
    rows = [dict(r) for r in tx.run(BOARD_ROWS, task=task, dataset=dataset, metric=metric)]
    changed = moved(rows, metric)
    if changed:
        tx.run(SET_RANKS, ranks=changed).consume()
    return len(changed)


async def review(tx: Tx, submission_id: str, approve: bool, reason: str | None,
                 moderator: str) -> dict[str, Any]:  # fmt: skip
    found = await lock(tx, submission_id)
    if found["status"] != "PENDING":
        raise InputError("id", f"the submission is {found['status']}, not PENDING")
    result_id = None
    if approve and found["kind"] == "RESULT":
        await refuse_duplicate_result(tx, found, except_id=submission_id)
        board_now = await board(tx, found["task"], found["dataset"], found["metric"])
        key = COMMUNITY_PREFIX + submission_id
        props = {
            "source": "COMMUNITY", "approvedBy": moderator, "submission": submission_id,
            "task": found["task"], "dataset": found["dataset"], "metric": found["metric"],
            "model": found["model"], "value": found["value"],
            "numericValue": found["numericValue"], "errorBound": found.get("errorBound"),
            "higherIsBetter": higher_is_better(found["metric"]),
            "metricIndex": board_now.metric_index if board_now.metric_index is not None else 0,
            "usesAdditionalData": bool(found.get("usesAdditionalData")),
            "evidenceUrl": found.get("evidenceUrl"),
            "codeLinks": [found["codeUrl"]] if found.get("codeUrl") else [],
            "codeLinksJson": json.dumps([{"title": None, "url": found["codeUrl"]}])
            if found.get("codeUrl") else None,
        }  # fmt: skip
        await tx.run(ADD_RESULT, id=submission_id, key=key, props=props)
        await rerank(tx, found["task"], found["dataset"], found["metric"])
        result_id = encode_id("Result", key)
    elif approve:
        owner, name = _repository_parts(found["repositoryUrl"])
        await tx.run(ADD_CODE_LINK, id=submission_id, owner=owner, name=name)
    if approve:
        await tx.run(recount_paper_features_query(), slug=found["paper"])
    pause = float(os.environ.get(REVIEW_PAUSE_ENV) or 0)
    if pause:
        await asyncio.sleep(pause)
    record = await (await tx.run(
        FINISH, id=submission_id, status="APPROVED" if approve else "REJECTED",
        decision="APPROVE" if approve else "REJECT", reason=reason, by=moderator,
        resultId=result_id)).single()  # fmt: skip
    assert record is not None
    return submission_map(record["s"])


async def withdraw(tx: Tx, submission_id: str, author: str) -> dict[str, Any]:
    found = await lock(tx, submission_id)
    if found["submittedBy"] != author:
        raise Forbidden("only its author may withdraw a submission")
    if found["status"] != "PENDING":
        raise InputError("id", f"the submission is {found['status']}, not PENDING")
    record = await (await tx.run(FINISH, id=submission_id, status="WITHDRAWN", decision=None,
                                 reason=None, by=author, resultId=None)).single()  # fmt: skip
    assert record is not None
    return submission_map(record["s"])


def _repository_parts(address: str) -> tuple[str | None, str | None]:
    parts = [p for p in urlsplit(address).path.split("/") if p]
    return (parts[0], parts[1]) if len(parts) >= 2 else (None, None)


# --- listing ----------------------------------------------------------------------------------

LIST_SUBMISSIONS = """
MATCH (s:Submission)
WHERE ($author IS NULL OR s.submittedBy = $author) AND ($status IS NULL OR s.status = $status)
  AND ($at IS NULL OR s.submittedAt < datetime($at)
       OR (s.submittedAt = datetime($at) AND s.id < $lastId))
RETURN s ORDER BY s.submittedAt DESC, s.id DESC LIMIT $limit
"""

COUNT_SUBMISSIONS = """
MATCH (s:Submission)
WHERE ($author IS NULL OR s.submittedBy = $author) AND ($status IS NULL OR s.status = $status)
RETURN count(s) AS n
"""


async def list_submissions(tx: Tx, author: str | None, status: str | None, limit: int,
                           after: tuple[str, str] | None) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """A page of submissions, newest first (after the (submittedAt, id) of `after`), and how
    many there are in all."""
    at, last_id = after if after else (None, "")
    result = await tx.run(LIST_SUBMISSIONS, author=author, status=status, at=at, lastId=last_id,
                          limit=limit)  # fmt: skip
    rows = [submission_map(r["s"]) async for r in result]
    total = await (await tx.run(COUNT_SUBMISSIONS, author=author, status=status)).single()
    return rows, int(total["n"]) if total else 0


def submission_map(node: Any) -> dict[str, Any]:
    """A submission as the API shows it (temporal values as ISO text)."""
    values = dict(node)
    values.pop("locked", None)
    for name in ("submittedAt", "reviewedAt"):
        if values.get(name) is not None:
            values[name] = values[name].to_native().isoformat()
    return values


# --- idempotency ------------------------------------------------------------------------------

CLAIM_KEY = """
MERGE (k:IdempotencyKey {key: $key})
  ON CREATE SET k.created = datetime(), k.request = $request
RETURN k.request AS request, k.response AS response
"""
STORE_ANSWER = "MATCH (k:IdempotencyKey {key: $key}) SET k.response = $response"


def idempotency_key(token_id: str, key: str) -> str:
    return hashlib.sha256(f"{token_id}\x00{key}".encode()).hexdigest()


async def claim(tx: Tx, key: str, request: str) -> tuple[str, str | None]:
    """The key's record, made (and locked) if new: its request's hash and stored answer."""
    record = await (await tx.run(CLAIM_KEY, key=key, request=request)).single()
    assert record is not None
    return record["request"], record["response"]


async def store_answer(tx: Tx, key: str, response: str) -> None:
    await tx.run(STORE_ANSWER, key=key, response=response)


# --- the loader's phase -----------------------------------------------------------------------

COMMUNITY_BOARDS = """
MATCH (r:Result {source: 'COMMUNITY'})
RETURN DISTINCT r.task AS task, r.dataset AS dataset, r.metric AS metric
"""


def community_ranks(tx: ManagedTransaction) -> int:
    """After a load: the ranks of every board metric holding a community result again (the
    loader ranked the archive's rows alone); the rows whose rank changed."""
    boards = [dict(r) for r in tx.run(COMMUNITY_BOARDS)]
    return sum(rerank_sync(tx, b["task"], b["dataset"], b["metric"]) for b in boards)
