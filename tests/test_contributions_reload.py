"""Reloading the archive keeps every submission, its review and its effect on the boards.

Load, submit (results and code links), review (approve, reject, withdraw, leave pending),
then load the same dump twice and a newer one (a value changed, a better row added): the
submissions, the community rows and links are all still there, once each, and the board's
ranks count the community rows with the archive's.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from rich.console import Console

from graphdb.settings import Neo4jSettings
from loaders.metrics import competition_ranks
from loaders.pipeline import load_dumps
from loaders.progress import LineProgress
from loaders.rejects import RejectsFile
from tests.conftest import load_emptied
from tests.support.api_archive import write_archive
from tests.support.contrib import (
    REPOSITORIES,
    REVIEW,
    SUBMISSIONS,
    SUBMIT_CODE,
    SUBMIT_RESULT,
    WITHDRAW,
    Client,
    LogLines,
    assert_no_token_logged,
    board,
    captured_logs,
    make_token,
    result_input,
)
from tests.support.http import RunningServer, serve_in_thread

RESNET = "deep-residual-learning-for-image"


@pytest.fixture(scope="module", autouse=True)
def log_lines() -> Iterator[LogLines]:
    with captured_logs() as lines:
        yield lines


def load(driver: Driver, folder: Path) -> None:
    with RejectsFile(folder / "rejects.jsonl") as rejects:
        report = load_dumps(driver, [folder], rejects=rejects,
                            progress=LineProgress(Console(quiet=True)))  # fmt: skip
    assert report.ok and rejects.count == 0


def newer_archive(folder: Path) -> Path:
    """The archive with ResNet-152's value changed and a better row added on ImageNet."""
    write_archive(folder)
    path = folder / "evaluation-tables.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as read:
        tables = json.load(read)
    rows = tables[0]["datasets"][0]["sota"]["rows"]
    assert rows[0]["model_name"] == "ResNet-152"
    rows[0]["metrics"]["Top 1 Accuracy"] = "79.0%"
    rows.append({**rows[1], "model_name": "NewArch", "paper_title": "New Arch", "paper_url": "",
                 "metrics": {"Top 1 Accuracy": "85.0", "Number of params": "30M"}})  # fmt: skip
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(tables, out)
    return folder


@pytest.fixture
def loaded(session_driver: Driver, tmp_path: Path) -> Path:
    folder = write_archive(tmp_path / "archive")
    load_emptied(session_driver, folder)
    return folder


@pytest.fixture
def server(loaded: Path, neo4j_settings: Neo4jSettings) -> Iterator[RunningServer]:
    with serve_in_thread(neo4j_settings) as running:
        yield running


def snapshot(mod: Client, driver: Driver) -> dict[str, Any]:
    submissions = mod.data(SUBMISSIONS, {"first": 100})["submissions"]
    records, _, _ = driver.execute_query(
        "MATCH (r:Result {source: 'COMMUNITY'}) "
        "RETURN r.key AS key, COUNT { (r)<-[:REPORTS]-() } AS papers, "
        "COUNT { (r)-[:ON_TASK]->() } AS tasks, COUNT { (r)-[:ON_DATASET]->() } AS datasets "
        "ORDER BY key"
    )
    return {
        "submissions": submissions,
        "top1": board(mod),
        "params": board(mod, "Number of params"),
        "code": mod.data(REPOSITORIES, {"slug": RESNET}),
        "community": [dict(r) for r in records],
        "results": mod.data("{ stats { results } }"),
    }


def test_reloads_keep_every_submission_and_its_effect(server: RunningServer, loaded: Path,
                                                      session_driver: Driver,
                                                      tmp_path: Path) -> None:  # fmt: skip
    alice = Client(server.base_url, make_token(session_driver, "alice", "contributor"))
    mod = Client(server.base_url, make_token(session_driver, "mia", "moderator"))

    def submit(query: str, given: dict[str, Any]) -> str:
        answer = alice.data(query, {"input": given})
        return str(next(iter(answer.values()))["id"])

    approved = submit(SUBMIT_RESULT, result_input("EfficientNet-B7", "84.3"))
    rejected = submit(SUBMIT_RESULT, result_input("Doubtful Net", "99.9"))
    pending = submit(SUBMIT_RESULT, result_input("Waiting Net", "50.0"))
    code = submit(SUBMIT_CODE, {"paper": RESNET, "repositoryUrl": "https://github.com/c/resnet"})
    withdrawn = submit(SUBMIT_CODE, {"paper": RESNET, "repositoryUrl": "https://github.com/c/w"})
    mod.data(REVIEW, {"id": approved, "decision": "APPROVE"})
    mod.data(REVIEW, {"id": rejected, "decision": "REJECT", "reason": "no"})
    mod.data(REVIEW, {"id": code, "decision": "APPROVE"})
    alice.data(WITHDRAW, {"id": withdrawn})
    before = snapshot(mod, session_driver)
    statuses = {s["id"]: s["status"] for s in before["submissions"]["nodes"]}
    assert statuses == {approved: "APPROVED", rejected: "REJECTED", pending: "PENDING",
                        code: "APPROVED", withdrawn: "WITHDRAWN"}  # fmt: skip
    top1 = {r["model"]: (r["rank"], r["source"]) for r in before["top1"]}
    assert top1["EfficientNet-B7"] == (1, "COMMUNITY") and top1["Mystery Net"] == (2, "ARCHIVE")
    assert before["community"] == [{"key": f"community:{_key(approved)}", "papers": 1,
                                    "tasks": 1, "datasets": 1}]  # fmt: skip

    for _ in range(2):  # the same dump, twice
        load(session_driver, loaded)
        assert snapshot(mod, session_driver) == before

    load(session_driver, newer_archive(tmp_path / "newer"))
    after = snapshot(mod, session_driver)
    assert after["submissions"] == before["submissions"]
    assert after["community"] == before["community"]
    assert after["code"] == before["code"]
    rows = {r["model"]: r for r in after["top1"]}
    assert rows["ResNet-152"]["value"] == "79.0%"
    # ranked with the community row, as the loader ranks a table
    numbers = [r["numericValue"] for r in after["top1"]]
    expected = dict(zip([r["model"] for r in after["top1"]],
                        competition_ranks(numbers, True), strict=True))  # fmt: skip
    assert {m: r["rank"] for m, r in rows.items()} == expected
    assert rows["NewArch"]["rank"] == 1 and rows["EfficientNet-B7"]["rank"] == 2
    assert rows["EfficientNet-B7"]["source"] == "COMMUNITY"
    assert rows["EfficientNet-B7"]["paper"] == {"slug": RESNET}
    assert "Doubtful Net" not in rows and "Waiting Net" not in rows
    # a retried approval after the reload does not double the row
    (error,) = mod.errors(REVIEW, {"id": approved, "decision": "APPROVE"})
    assert "APPROVED" in error["message"]


def _key(global_id: str) -> str:
    import base64

    return (
        base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":", 1)[1]
    )


def test_zz_no_log_line_holds_a_token(log_lines: LogLines) -> None:
    """Last of the module: no line written while it ran holds a token."""
    assert_no_token_logged(log_lines.lines)
