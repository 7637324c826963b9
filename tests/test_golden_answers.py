"""The golden answers: every request of tests/golden/corpus.json answers as recorded.

The answers were recorded from the API before the one lane replaced its four execution
paths (tests/golden/README.md). Compared as GraphQL defines a response: the status and the
body exactly, except what the spec leaves open or what was changed on purpose:
- the order of `errors` (graphql-core reports them as its awaitables finish; the lane in
  document order), so errors are compared sorted;
- the order of a subgraph's nodes and edges (the walk's order is the store's), compared as
  sets; under a limit the walk may stop at other nodes, so only their number is compared;
- a variable that does not coerce: graphql-core's message now keeps its first part
  ("Variable '$x' has invalid value: ..."), which names the variable.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from tests.golden.archive import load_golden_archive
from tests.golden.record import answer, send
from tests.support.http import RunningServer

HERE = Path(__file__).parent / "golden"
CORPUS = json.loads((HERE / "corpus.json").read_text())
ANSWERS = json.loads((HERE / "answers.json").read_text())
_VARIABLE = re.compile(r"^Variable '\$\w+' has invalid value: ")


@pytest.fixture(scope="module")
def golden_graph(session_driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    load_golden_archive(session_driver, tmp_path_factory.mktemp("golden-archive"))
    return session_driver


def normalised(entry_id: str, recorded: dict[str, Any]) -> str:
    body = recorded["body"]
    if isinstance(body, dict):
        body = dict(body)
        if body.get("errors"):
            errors = [dict(e, message=_VARIABLE.sub("", e["message"])) for e in body["errors"]]
            body["errors"] = sorted(errors, key=lambda e: json.dumps(e, sort_keys=True))
        if "neighborhood" in entry_id or entry_id.startswith("path"):
            body = _subgraphs(body)
    return json.dumps({"status": recorded["status"], "body": body})


def _subgraphs(value: Any) -> Any:
    if isinstance(value, dict):
        if "nodes" in value and "edges" in value and isinstance(value["nodes"], list):
            nodes = sorted(value["nodes"], key=lambda n: json.dumps(n, sort_keys=True))
            edges = sorted(value["edges"], key=lambda n: json.dumps(n, sort_keys=True))
            if len(nodes) >= 15:  # stopped by its limit: which nodes depends on the walk
                return {"nodes": len(nodes), "edges": "some"}
            return {**value, "nodes": nodes, "edges": edges}
        return {k: _subgraphs(v) for k, v in value.items()}
    return value


def test_every_request_answers_as_recorded_in_one_statement(
    golden_graph: Driver, api_server: RunningServer, statements: list[str]
) -> None:
    assert len(CORPUS) >= 400
    mismatches = []
    over_one = []
    for entry in CORPUS:
        before = len(statements)
        got = answer(send(api_server.base_url, entry))
        if len(statements) - before > 1:
            over_one.append(entry["id"])
        if normalised(entry["id"], got) != normalised(entry["id"], ANSWERS[entry["id"]]):
            mismatches.append(
                f"{entry['id']}:\n  got      {json.dumps(got)[:600]}\n"
                f"  recorded {json.dumps(ANSWERS[entry['id']])[:600]}"
            )
    assert not mismatches, f"{len(mismatches)} of {len(CORPUS)} differ:\n" + "\n".join(
        mismatches[:20]
    )
    assert not over_one, f"more than one statement: {over_one}"
