"""Helpers of the contributions tests: tokens, GraphQL with a token over real HTTP, and the
texts of the mutations."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from neo4j import Driver

from graphdb.tokens import Role, create_token

# Every token the tests make: the log test looks for each of them in every line written.
TOKENS: list[str] = []


class LogLines(logging.Handler):
    """Every log line written while installed, formatted as the server formats them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextlib.contextmanager
def captured_logs() -> Iterator[LogLines]:
    """Every line logged meanwhile, at every level (the server runs in this process)."""
    handler = LogLines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def assert_no_token_logged(lines: list[str]) -> None:
    """No line holds a token the tests made, or a token's secret part."""
    assert lines, "nothing was logged: the check would prove nothing"
    assert any("papers_graph.requests" in line for line in lines), "no request line was logged"
    for token in TOKENS:
        secret = token.split("_", 2)[2]
        assert not [line for line in lines if token in line or secret in line], token[:20]


def make_token(driver: Driver, name: str, role: Role) -> str:
    token = create_token(driver, name, role)
    TOKENS.append(token)
    return token


@dataclass
class Client:
    """GraphQL over HTTP, with a token (or none)."""

    base_url: str
    token: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def post(self, query: str, variables: dict[str, Any] | None = None,
             **headers: str) -> httpx.Response:  # fmt: skip
        sent = dict(self.headers)
        if self.token is not None:
            sent["authorization"] = f"Bearer {self.token}"
        sent |= {k.replace("_", "-"): v for k, v in headers.items()}
        return httpx.post(f"{self.base_url}/graphql", json={"query": query, "variables": variables or {}},
                          headers=sent, timeout=30.0)  # fmt: skip

    def data(self, query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
        response = self.post(query, variables, **headers)
        body = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body["errors"]
        return body["data"]

    def errors(self, query: str, variables: dict[str, Any] | None = None,
               status: int = 200) -> list[dict[str, Any]]:  # fmt: skip
        response = self.post(query, variables)
        assert response.status_code == status, response.text
        errors: list[dict[str, Any]] = response.json()["errors"]
        return errors


SUBMISSION_FIELDS = """id kind status submittedBy submittedAt reviewedBy reviewedAt decision reason
paper paperTitle task dataset metric value numericValue errorBound model usesAdditionalData
evidenceUrl codeUrl repositoryUrl official framework resultId"""

SUBMIT_RESULT = f"""mutation Submit($input: SubmitResultInput!) {{
  submitResult(input: $input) {{ {SUBMISSION_FIELDS} }}
}}"""
SUBMIT_CODE = f"""mutation Code($input: SubmitCodeLinkInput!) {{
  submitCodeLink(input: $input) {{ {SUBMISSION_FIELDS} }}
}}"""
REVIEW = f"""mutation Review($id: ID!, $decision: Decision!, $reason: String) {{
  reviewSubmission(id: $id, decision: $decision, reason: $reason) {{ {SUBMISSION_FIELDS} }}
}}"""
WITHDRAW = (
    f"""mutation Withdraw($id: ID!) {{ withdrawSubmission(id: $id) {{ {SUBMISSION_FIELDS} }} }}"""
)
SUBMISSIONS = f"""query Mine($status: SubmissionStatus, $first: Int, $after: String) {{
  submissions(status: $status, first: $first, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {SUBMISSION_FIELDS} }}
  }}
}}"""
BOARD = """query Board($task: String!, $dataset: String!, $metric: String) {
  leaderboard(task: $task, dataset: $dataset, metric: $metric) {
    rows(first: 100) { nodes { id model value numericValue rank source approvedBy evidenceUrl
                               paper { slug } } }
  }
}"""
REPOSITORIES = """query Code($slug: String!) {
  paper(slug: $slug) { repositories(first: 100) { edges { official node { url framework } } } }
}"""


def result_input(model: str, value: str = "84.3", **more: Any) -> dict[str, Any]:
    return {
        "paper": "1512.03385", "task": "Image Classification", "dataset": "ImageNet",
        "metric": "Top 1 Accuracy", "value": value, "model": model,
        "evidenceUrl": "https://arxiv.org/abs/1512.03385", **more,
    }  # fmt: skip


def board(client: Client, metric: str = "Top 1 Accuracy") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = client.data(
        BOARD, {"task": "Image Classification", "dataset": "ImageNet", "metric": metric}
    )["leaderboard"]["rows"]["nodes"]
    return rows
