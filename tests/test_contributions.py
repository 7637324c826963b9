"""Contributions over real HTTP against the real Neo4j: who may write, what, and nobody else.

Each rule of issue 14 has its test here: tokens (none, wrong, revoked; only a hash stored),
roles (a contributor reviewing, reading another's submissions), a mutation over GET, every
text field given an injection string and an oversized value, URLs, a burst over the rate
limit, a retried idempotent mutation, an exact duplicate refused naming its row, the effect
of a review on the board (ranks recomputed, source, approvedBy), CORS, a kill -9 of the server
in the middle of a review, and the log holding no token. The reload test is
tests/test_contributions_reload.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from graphdb.contributions import MAX_CHARS, REVIEW_PAUSE_ENV
from graphdb.settings import Neo4jSettings
from graphdb.tokens import revoke_tokens
from schema.limits import Limits
from server.cli import main as cli_main
from tests.support.contrib import (
    REPOSITORIES,
    REVIEW,
    SUBMISSIONS,
    SUBMIT_CODE,
    SUBMIT_RESULT,
    TOKENS,
    WITHDRAW,
    Client,
    LogLines,
    assert_no_token_logged,
    board,
    captured_logs,
    make_token,
    result_input,
)
from tests.support.http import RunningServer, free_port, serve_in_thread

ROOT = Path(__file__).resolve().parent.parent
INJECTION = "x' }) MATCH (n) DETACH DELETE n // \" ${x} `; DROP"
INJECTION_URL = "https://e.example/x'})MATCH(n)DETACH-DELETE-n//\"${x}`;DROP"


@pytest.fixture(scope="module", autouse=True)
def log_lines() -> Iterator[LogLines]:
    """Every log line written in this module, at every level."""
    with captured_logs() as lines:
        yield lines


@pytest.fixture(scope="module")
def server(api_graph: Driver, neo4j_settings: Neo4jSettings) -> Iterator[RunningServer]:
    limits = Limits(mutations_per_minute=1000)
    with serve_in_thread(neo4j_settings, limits=limits,
                         cors_origins=("https://site.example",)) as running:  # fmt: skip
        yield running


@pytest.fixture(scope="module")
def tokens(api_graph: Driver) -> dict[str, str]:
    return {
        "alice": make_token(api_graph, "alice", "contributor"),
        "bob": make_token(api_graph, "bob", "contributor"),
        "mod": make_token(api_graph, "mia", "moderator"),
    }


def client(server: RunningServer, token: str | None = None) -> Client:
    return Client(server.base_url, token)


def graph_size(driver: Driver) -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:Submission AND NOT n:IdempotencyKey AND NOT n:ApiToken "
        "RETURN count(n) AS n, COUNT { ()-->() } AS r"
    )
    return records[0]["n"], records[0]["r"]


# --- tokens -------------------------------------------------------------------------------------


def test_the_token_command_prints_a_token_once_and_stores_only_its_hash(
    api_graph: Driver, neo4j_env: Neo4jSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["token", "create", "--name", "carol", "--role", "contributor"]) == 0
    token = capsys.readouterr().out.strip()
    TOKENS.append(token)
    assert token.startswith("pgt_")
    token_id, secret = token[4:].split("_", 1)
    records, _, _ = api_graph.execute_query(
        "MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS t", id=token_id
    )
    stored = records[0]["t"]
    assert stored["hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert stored["name"] == "carol" and stored["role"] == "contributor"
    assert not stored["revoked"] and stored["created"] is not None
    assert all(secret not in str(v) for v in stored.values())
    assert cli_main(["token", "list"]) == 0
    listed = capsys.readouterr().out
    assert token_id in listed and "carol" in listed and secret not in listed
    assert cli_main(["token", "revoke", token_id]) == 0
    capsys.readouterr()
    assert cli_main(["token", "list"]) == 0
    assert "revoked" in next(
        line for line in capsys.readouterr().out.splitlines() if token_id in line
    )
    with pytest.raises(SystemExit):
        cli_main(["token", "create", "--name", "x", "--role", "admin"])


@pytest.mark.parametrize("header", [None, "Bearer pgt_0123456789abcdef_" + "A" * 43,
                                    "Bearer not-a-token", "Basic YWxpY2U6cHc="])  # fmt: skip
def test_no_token_or_a_wrong_one_is_401(server: RunningServer, tokens: dict[str, str],
                                        api_graph: Driver, header: str | None) -> None:  # fmt: skip
    before = graph_size(api_graph)
    headers = {"authorization": header} if header else {}
    response = httpx.post(f"{server.base_url}/graphql", headers=headers, timeout=30, json={
        "query": SUBMIT_RESULT, "variables": {"input": result_input("Nobody Net")}})  # fmt: skip
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"].startswith("Bearer")
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert header is None or header.split(" ", 1)[1] not in response.text
    assert graph_size(api_graph) == before
    assert _submission_count(api_graph, "Nobody Net") == 0


def test_a_token_whose_secret_differs_in_one_character_is_refused(
    server: RunningServer, tokens: dict[str, str]
) -> None:
    good = tokens["alice"]
    wrong = good[:-1] + ("A" if good[-1] != "A" else "B")
    errors = Client(server.base_url, wrong).errors(SUBMISSIONS, status=401)
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert Client(server.base_url, good).data(SUBMISSIONS)["submissions"] is not None


def test_a_revoked_token_is_401(server: RunningServer, api_graph: Driver) -> None:
    token = make_token(api_graph, "dave", "moderator")
    assert client(server, token).data(SUBMISSIONS)["submissions"]["totalCount"] >= 0
    revoke_tokens(api_graph, token[4:20])
    response = client(server, token).post(SUBMIT_RESULT, {"input": result_input("Revoked Net")})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert client(server, token).post(SUBMISSIONS).status_code == 401
    assert _submission_count(api_graph, "Revoked Net") == 0


def test_reads_need_no_token_and_submissions_do(server: RunningServer) -> None:
    assert client(server).data('{ paper(slug: "deep-residual-learning-for-image") { title } }')
    errors = client(server).errors(SUBMISSIONS, status=401)
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert client(server).errors("{ viewer { name } }", status=401)


def test_the_viewer_is_the_tokens_account_beside_public_fields(
    server: RunningServer, tokens: dict[str, str]
) -> None:
    query = '{ viewer { name role } stats { papers } paper(slug: "deep-residual-learning-for-image") { slug } }'
    data = client(server, tokens["mod"]).data(query)
    assert data["viewer"] == {"name": "mia", "role": "moderator"}
    assert data["stats"]["papers"] > 0 and data["paper"] == {
        "slug": "deep-residual-learning-for-image"
    }
    assert list(data) == ["viewer", "stats", "paper"]


# --- roles --------------------------------------------------------------------------------------


def test_a_contributor_cannot_review(server: RunningServer, tokens: dict[str, str],
                                     api_graph: Driver) -> None:  # fmt: skip
    alice = client(server, tokens["alice"])
    made = alice.data(SUBMIT_RESULT, {"input": result_input("Self Approved Net", "85.0")})
    submission = made["submitResult"]
    assert submission["status"] == "PENDING" and submission["submittedBy"] == "alice"
    for who in ("alice", "bob"):
        errors = client(server, tokens[who]).errors(
            REVIEW, {"id": submission["id"], "decision": "APPROVE"}
        )
        assert errors[0]["extensions"]["code"] == "FORBIDDEN", errors
    assert _status(api_graph, "Self Approved Net") == "PENDING"
    assert "Self Approved Net" not in [r["model"] for r in board(alice)]


def test_a_contributor_reads_only_its_own_submissions(server: RunningServer,
                                                      tokens: dict[str, str]) -> None:  # fmt: skip
    alice, bob, mod = (client(server, tokens[t]) for t in ("alice", "bob", "mod"))
    alice.data(SUBMIT_RESULT, {"input": result_input("Alice Private Net", "70.1")})
    bob.data(SUBMIT_RESULT, {"input": result_input("Bob Private Net", "70.2")})
    seen_by_bob = bob.data(SUBMISSIONS, {"first": 100})["submissions"]
    assert {s["submittedBy"] for s in seen_by_bob["nodes"]} == {"bob"}
    assert "Alice Private Net" not in [s["model"] for s in seen_by_bob["nodes"]]
    everyone = mod.data(SUBMISSIONS, {"first": 100})["submissions"]
    assert {"alice", "bob"} <= {s["submittedBy"] for s in everyone["nodes"]}
    assert everyone["totalCount"] > seen_by_bob["totalCount"]
    # not by id either: node(id:) does not find submissions
    alice_id = next(s["id"] for s in everyone["nodes"] if s["model"] == "Alice Private Net")
    body = bob.post("query($id: ID!) { node(id: $id) { id } }", {"id": alice_id}).json()
    assert body["data"] is None or body["data"]["node"] is None
    assert "Alice Private Net" not in str(body)
    # bob may not withdraw alice's
    errors = bob.errors(WITHDRAW, {"id": alice_id})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_submissions_page_newest_first(server: RunningServer, tokens: dict[str, str]) -> None:
    mod = client(server, tokens["mod"])
    for i in range(3):
        mod.data(SUBMIT_RESULT, {"input": result_input(f"Paged Net {i}", f"60.{i}")})
    seen, after = [], None
    while True:
        page = mod.data(SUBMISSIONS, {"first": 2, "after": after})["submissions"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == page["totalCount"] == len({s["id"] for s in seen})
    stamps = [s["submittedAt"] for s in seen]
    assert stamps == sorted(stamps, reverse=True)
    pending = mod.data(SUBMISSIONS, {"status": "PENDING", "first": 100})["submissions"]["nodes"]
    assert pending and all(s["status"] == "PENDING" for s in pending)


# --- the method, the fields -----------------------------------------------------------------------


def test_a_mutation_over_get_is_405(server: RunningServer, tokens: dict[str, str],
                                    api_graph: Driver) -> None:  # fmt: skip
    query = 'mutation { withdrawSubmission(id: "U3VibWlzc2lvbjp4") { id } }'
    response = httpx.get(f"{server.base_url}/graphql", params={"query": query}, timeout=30,
                         headers={"authorization": f"Bearer {tokens['alice']}",
                                  "accept": "application/json"})  # fmt: skip
    assert response.status_code == 405, response.text
    assert response.headers["allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


TEXT_FIELDS = ("paper", "task", "dataset", "metric", "value", "model")


def test_an_injection_string_in_every_text_field_is_only_text(
    server: RunningServer, tokens: dict[str, str], api_graph: Driver
) -> None:
    alice = client(server, tokens["alice"])
    before = graph_size(api_graph)
    for name in (*TEXT_FIELDS, "evidenceUrl", "codeUrl"):
        given = result_input(f"Injected {name}", "71.5")
        given[name] = INJECTION if not name.endswith("Url") else INJECTION_URL
        response = alice.post(SUBMIT_RESULT, {"input": given})
        body = response.json()
        if name == "model":  # any name is a name: kept exactly
            assert body["data"]["submitResult"]["model"] == INJECTION, body
        elif name.endswith("Url"):  # a URL with odd characters is still a URL
            assert body["data"]["submitResult"][name] == given[name], body
        else:  # names nothing in the graph, or holds no number: refused naming the field
            (error,) = body["errors"]
            assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": f"input.{name}"}
    code = client(server, tokens["alice"]).post(SUBMIT_CODE, {"input": {
        "paper": "1512.03385", "repositoryUrl": INJECTION_URL,
        "framework": INJECTION[:40]}}).json()  # fmt: skip
    assert code["data"]["submitCodeLink"]["framework"] == INJECTION[:40], code
    mod = client(server, tokens["mod"])
    reason = mod.post(REVIEW, {"id": code["data"]["submitCodeLink"]["id"], "decision": "REJECT",
                               "reason": INJECTION}).json()  # fmt: skip
    assert reason["data"]["reviewSubmission"]["reason"] == INJECTION
    assert graph_size(api_graph) == before  # pending and rejected: the graph is as it was
    assert client(server).data("{ stats { papers } }")["stats"]["papers"] > 0


@pytest.mark.parametrize("name", [*TEXT_FIELDS, "evidenceUrl", "codeUrl"])
def test_an_oversized_field_is_refused_naming_it(server: RunningServer, tokens: dict[str, str],
                                                 name: str) -> None:  # fmt: skip
    given = result_input("Oversized Net", "72.5")
    size = MAX_CHARS[name] + 1
    given[name] = ("https://e.example/" + "a" * size) if name.endswith("Url") else "9" * size
    (error,) = client(server, tokens["alice"]).errors(SUBMIT_RESULT, {"input": given})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": f"input.{name}"}
    assert f"at most {MAX_CHARS[name]} characters" in error["message"]


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://e.example/x", "not a url",
                                 "https://", "file:///etc/passwd"])  # fmt: skip
def test_urls_must_be_http(server: RunningServer, tokens: dict[str, str], bad: str) -> None:
    alice = client(server, tokens["alice"])
    (error,) = alice.errors(SUBMIT_RESULT, {"input": result_input("Url Net", evidenceUrl=bad)})
    assert error["extensions"]["field"] == "input.evidenceUrl"
    (error,) = alice.errors(SUBMIT_CODE, {"input": {"paper": "1512.03385",
                                                    "repositoryUrl": bad}})  # fmt: skip
    assert error["extensions"]["field"] == "input.repositoryUrl"


def test_control_characters_and_a_value_without_a_number_are_refused(
    server: RunningServer, tokens: dict[str, str]
) -> None:
    alice = client(server, tokens["alice"])
    (error,) = alice.errors(SUBMIT_RESULT, {"input": result_input("Line\nBreak Net")})
    assert error["extensions"]["field"] == "input.model"
    (error,) = alice.errors(SUBMIT_RESULT, {"input": result_input("Vague Net", "Please tell us")})
    assert error["extensions"]["field"] == "input.value"
    (error,) = alice.errors(SUBMIT_RESULT, {"input": result_input("Metric Net", metric="BLEU")})
    assert error["extensions"]["field"] == "input.metric"
    assert "Top 1 Accuracy" in error["message"]


def test_the_query_limits_apply_to_mutations(neo4j_settings: Neo4jSettings, api_graph: Driver,
                                             tokens: dict[str, str]) -> None:  # fmt: skip
    """Depth, aliases, cost and string length refuse a mutation before it runs, as a query."""
    limits = Limits(aliases=1, cost=3, string_chars=50, mutations_per_minute=1000)
    before = graph_size(api_graph)
    deep = 'mutation { withdrawSubmission(id: "x") { ' + "a { " * 20 + "b" + " }" * 22
    with serve_in_thread(neo4j_settings, limits=limits) as small:
        alice = client(small, tokens["alice"])
        errors = alice.errors(deep)  # too deep (and not valid): refused before validation's answer
        assert (
            errors[0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
            and "depth" in errors[0]["message"]
        )
        cases = {
            "aliases": 'mutation { a: withdrawSubmission(id: "x") { __typename } '
                       'b: withdrawSubmission(id: "y") { __typename } }',
            "cost": 'mutation { withdrawSubmission(id: "x") { __typename } '
                    'w: withdrawSubmission(id: "y") { __typename } __typename __typename }',
        }  # fmt: skip
        for what, text in cases.items():
            (error,) = alice.errors(text)
            assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX", (what, error)
        (error,) = alice.errors(SUBMIT_RESULT, {"input": result_input("x" * 51)})
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "PAPERS_GRAPH_MAX_STRING_CHARS" in error["message"]
    assert graph_size(api_graph) == before and _submission_count(api_graph, "x" * 51) == 0


# --- the effect on the graph -----------------------------------------------------------------------


def test_an_approved_result_joins_its_board_with_ranks_recomputed(
    server: RunningServer, tokens: dict[str, str], api_graph: Driver
) -> None:
    alice, mod = client(server, tokens["alice"]), client(server, tokens["mod"])
    before = {r["model"]: r["rank"] for r in board(alice)}
    assert before["Mystery Net"] == 1 and before["ResNet-152"] == 2
    made = alice.data(SUBMIT_RESULT, {"input": result_input(
        "EfficientNet-B7", "84.3 ± 0.2", codeUrl="https://github.com/e/effnet")})["submitResult"]  # fmt: skip
    assert made["numericValue"] == 84.3 and made["errorBound"] == 0.2
    assert made["paper"] == "deep-residual-learning-for-image"
    assert "EfficientNet-B7" not in [r["model"] for r in board(alice)]  # pending: not shown
    approved = mod.data(REVIEW, {"id": made["id"], "decision": "APPROVE", "reason": "checked"})
    reviewed = approved["reviewSubmission"]
    assert reviewed["status"] == "APPROVED" and reviewed["decision"] == "APPROVE"
    assert reviewed["reviewedBy"] == "mia" and reviewed["resultId"]
    rows = {r["model"]: r for r in board(alice)}
    assert rows["EfficientNet-B7"]["rank"] == 1
    assert rows["EfficientNet-B7"]["source"] == "COMMUNITY"
    assert rows["EfficientNet-B7"]["approvedBy"] == "mia"
    assert rows["EfficientNet-B7"]["paper"]["slug"] == "deep-residual-learning-for-image"
    assert rows["EfficientNet-B7"]["id"] == reviewed["resultId"]
    assert rows["Mystery Net"]["rank"] == 2 and rows["ResNet-152"]["rank"] == 3
    assert rows["ResNet-152"]["source"] == "ARCHIVE" and rows["ResNet-152"]["approvedBy"] is None
    # the other metric's board is untouched
    assert "EfficientNet-B7" not in [r["model"] for r in board(alice, "Number of params")]
    # a second review of it is refused: it is no longer pending
    (error,) = mod.errors(REVIEW, {"id": made["id"], "decision": "REJECT"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "APPROVED" in error["message"]


def test_the_paper_is_found_by_global_id_slug_arxiv_id_or_url(
    server: RunningServer, tokens: dict[str, str]
) -> None:
    alice = client(server, tokens["alice"])
    global_id = alice.data('{ paper(slug: "deep-residual-learning-for-image") { id } }')["paper"][
        "id"
    ]
    for i, given in enumerate((global_id, "deep-residual-learning-for-image", "1512.03385v2",
                               "https://arxiv.org/abs/1512.03385")):  # fmt: skip
        made = alice.data(SUBMIT_CODE, {"input": {"paper": given,
                                                  "repositoryUrl": f"https://github.com/by/{i}"}})  # fmt: skip
        assert made["submitCodeLink"]["paper"] == "deep-residual-learning-for-image", given
        assert (
            made["submitCodeLink"]["paperTitle"] == "Deep Residual Learning for Image Recognition"
        )


def test_an_exact_duplicate_of_a_row_is_refused_naming_it(
    server: RunningServer, tokens: dict[str, str]
) -> None:
    bob = client(server, tokens["bob"])
    given = result_input("ResNet-152", "78.57")
    (error,) = bob.errors(SUBMIT_RESULT, {"input": given})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "already has this row: ResNet-152 78.57%" in error["message"], error
    assert "rank" in error["message"] and "(result " in error["message"]
    # another value of the same model is not a duplicate
    assert bob.data(SUBMIT_RESULT, {"input": result_input("ResNet-152", "78.6")})


def test_a_rejected_result_stays_for_the_record_off_the_board(
    server: RunningServer, tokens: dict[str, str]
) -> None:
    bob, mod = client(server, tokens["bob"]), client(server, tokens["mod"])
    made = bob.data(SUBMIT_RESULT, {"input": result_input("Doubtful Net", "99.9")})["submitResult"]
    rejected = mod.data(REVIEW, {"id": made["id"], "decision": "REJECT",
                                 "reason": "the table says 89.9"})["reviewSubmission"]  # fmt: skip
    assert rejected["status"] == "REJECTED" and rejected["reason"] == "the table says 89.9"
    assert "Doubtful Net" not in [r["model"] for r in board(bob)]
    mine = bob.data(SUBMISSIONS, {"status": "REJECTED", "first": 100})["submissions"]["nodes"]
    assert made["id"] in [s["id"] for s in mine]


def test_withdraw_while_pending(server: RunningServer, tokens: dict[str, str]) -> None:
    bob, mod = client(server, tokens["bob"]), client(server, tokens["mod"])
    made = bob.data(SUBMIT_RESULT, {"input": result_input("Second Thoughts Net", "61.0")})
    sid = made["submitResult"]["id"]
    assert bob.data(WITHDRAW, {"id": sid})["withdrawSubmission"]["status"] == "WITHDRAWN"
    (error,) = mod.errors(REVIEW, {"id": sid, "decision": "APPROVE"})
    assert "WITHDRAWN" in error["message"]
    (error,) = bob.errors(WITHDRAW, {"id": sid})
    assert "WITHDRAWN" in error["message"]


def test_an_approved_code_link_shows_on_the_paper(server: RunningServer,
                                                  tokens: dict[str, str]) -> None:  # fmt: skip
    alice, mod = client(server, tokens["alice"]), client(server, tokens["mod"])
    url = "https://github.com/community/resnet-reimpl"
    made = alice.data(SUBMIT_CODE, {"input": {"paper": "deep-residual-learning-for-image",
                                              "repositoryUrl": url, "framework": "jax"}})  # fmt: skip
    slug = {"slug": "deep-residual-learning-for-image"}
    edges = alice.data(REPOSITORIES, slug)["paper"]["repositories"]["edges"]
    assert url not in [e["node"]["url"] for e in edges]
    mod.data(REVIEW, {"id": made["submitCodeLink"]["id"], "decision": "APPROVE"})
    edges = alice.data(REPOSITORIES, slug)["paper"]["repositories"]["edges"]
    added = next(e for e in edges if e["node"]["url"] == url)
    assert added == {"official": False, "node": {"url": url, "framework": "jax"}}
    (error,) = alice.errors(SUBMIT_CODE, {"input": {"paper": "1512.03385", "repositoryUrl": url}})
    assert "already links to" in error["message"]


def test_an_approved_code_link_moves_the_kept_list_totals_at_once(
    server: RunningServer, tokens: dict[str, str], api_graph: Driver
) -> None:
    """A paper without code gains an official link: its task's kept totals with code follow in
    the approval's own transaction, equal to the live count (the same filter with AND: [])."""
    records, _, _ = api_graph.execute_query(
        "MATCH (p:Paper)-[:ADDRESSES]->(t:Task) WHERE p.stub IS NULL "
        "AND NOT EXISTS { (p)-[:HAS_CODE]->() } RETURN p.slug AS slug, t.name AS task "
        "ORDER BY p.slug, t.name LIMIT 1"
    )
    slug, task = records[0]["slug"], records[0]["task"]
    totals = """query T($task: String!) {
      code: papers(where: {task: $task, hasCode: true}) { totalCount }
      official: papers(where: {task: $task, officialCodeOnly: true}) { totalCount }
      live: papers(where: {task: $task, officialCodeOnly: true, AND: []}) { totalCount } }"""
    alice, mod = client(server, tokens["alice"]), client(server, tokens["mod"])
    before = alice.data(totals, {"task": task})
    made = alice.data(SUBMIT_CODE, {"input": {"paper": slug, "official": True,
                                              "repositoryUrl": "https://github.com/community/counted"}})  # fmt: skip
    mod.data(REVIEW, {"id": made["submitCodeLink"]["id"], "decision": "APPROVE"})
    after = alice.data(totals, {"task": task})
    assert after["code"]["totalCount"] == before["code"]["totalCount"] + 1
    assert after["official"]["totalCount"] == before["official"]["totalCount"] + 1
    assert after["official"] == after["live"]


# --- idempotency, rate limit, CORS ---------------------------------------------------------------


def test_a_retried_idempotent_mutation_answers_the_first_answer_and_writes_once(
    server: RunningServer, tokens: dict[str, str], api_graph: Driver
) -> None:
    alice = client(server, tokens["alice"])
    variables = {"input": result_input("Retried Net", "73.3")}
    first = alice.post(SUBMIT_RESULT, variables, idempotency_key="retry-1")
    again = [alice.post(SUBMIT_RESULT, variables, idempotency_key="retry-1") for _ in range(3)]
    assert first.status_code == 200 and "errors" not in first.json()
    assert all(r.json() == first.json() for r in again)
    assert again[0].headers["idempotent-replayed"] == "true"
    assert _submission_count(api_graph, "Retried Net") == 1
    # the same key with another request is refused; another token's same key is its own
    other = alice.post(SUBMIT_RESULT, {"input": result_input("Other Net", "73.4")},
                       idempotency_key="retry-1")  # fmt: skip
    assert other.status_code == 422
    assert _submission_count(api_graph, "Other Net") == 0
    bob = client(server, tokens["bob"]).post(SUBMIT_RESULT, {"input": result_input("Bob Retry Net", "73.5")},
                                             idempotency_key="retry-1")  # fmt: skip
    assert bob.status_code == 200 and "errors" not in bob.json()


def test_concurrent_retries_write_once(server: RunningServer, tokens: dict[str, str],
                                       api_graph: Driver) -> None:  # fmt: skip
    alice = client(server, tokens["alice"])
    variables = {"input": result_input("Concurrent Net", "74.4")}
    answers: list[httpx.Response] = []
    threads = [threading.Thread(target=lambda: answers.append(
        alice.post(SUBMIT_RESULT, variables, idempotency_key="together"))) for _ in range(6)]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.text for r in answers}) == 1 and answers[0].status_code == 200
    assert _submission_count(api_graph, "Concurrent Net") == 1


def test_a_burst_over_the_rate_limit_is_429(api_graph: Driver, neo4j_settings: Neo4jSettings,
                                            tokens: dict[str, str]) -> None:  # fmt: skip
    with serve_in_thread(neo4j_settings, limits=Limits(mutations_per_minute=5)) as limited:
        bob = client(limited, tokens["bob"])
        answers = [bob.post(WITHDRAW, {"id": "U3VibWlzc2lvbjpub25l"}) for _ in range(8)]
        assert [r.status_code for r in answers] == [200] * 5 + [429] * 3
        refused = answers[-1]
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        # per token: another token is not limited by bob's burst; reads are not limited
        assert client(limited, tokens["alice"]).post(WITHDRAW, {"id": "x"}).status_code == 200
        assert bob.post(SUBMISSIONS).status_code == 200


def test_cors_lets_only_the_configured_origin_send_a_token(server: RunningServer) -> None:
    def preflight(origin: str) -> httpx.Response:
        return httpx.options(f"{server.base_url}/graphql", timeout=30, headers={
            "origin": origin, "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type"})  # fmt: skip

    allowed = preflight("https://site.example")
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://site.example"
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in allowed.headers
    refused = preflight("https://evil.example")
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    simple = httpx.post(f"{server.base_url}/graphql", json={"query": "{ stats { papers } }"},
                        headers={"origin": "https://evil.example"}, timeout=30)  # fmt: skip
    assert "access-control-allow-origin" not in simple.headers


# --- a crash in the middle of a review ---------------------------------------------------------------


def _serve_process(uri: str, port: int, log: Path, pause: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEO4J_URI": uri, REVIEW_PAUSE_ENV: str(pause)}
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(log.read_text())


def test_kill_9_in_the_middle_of_a_review_leaves_the_old_state_or_the_new(
    api_graph: Driver, neo4j_settings: Neo4jSettings, tokens: dict[str, str], tmp_path: Path,
    server: RunningServer,
) -> None:  # fmt: skip
    alice = client(server, tokens["alice"])
    made = alice.data(SUBMIT_RESULT, {"input": result_input("Crash Net", "90.5")})["submitResult"]
    ranks_before = {r["id"]: r["rank"] for r in board(alice)}
    port, log = free_port(), tmp_path / "serve.log"
    process = _serve_process(neo4j_settings.uri, port, log, pause=20)
    mod = Client(f"http://127.0.0.1:{port}", tokens["mod"])
    thread = threading.Thread(target=lambda: _ignore(lambda: mod.post(
        REVIEW, {"id": made["id"], "decision": "APPROVE"})))  # fmt: skip
    thread.start()
    # in the review's transaction: its result written and the board re-ranked, not committed
    _wait_for_open_transaction(api_graph)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    thread.join(timeout=30)
    assert _status(api_graph, "Crash Net") == "PENDING"  # the old state, whole
    assert {r["id"]: r["rank"] for r in board(alice)} == ranks_before
    assert "Crash Net" not in [r["model"] for r in board(alice)]
    # the review again, to its end: the new state, whole
    process = _serve_process(neo4j_settings.uri, port, log, pause=0)
    try:
        done = mod.data(REVIEW, {"id": made["id"], "decision": "APPROVE"})["reviewSubmission"]
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert done["status"] == "APPROVED"
    rows = {r["model"]: r["rank"] for r in board(alice)}
    ranked = sorted(rank for rank in rows.values() if rank is not None)
    assert rows["Crash Net"] == 1 and ranked == list(range(1, len(ranked) + 1))
    log_text = log.read_text()
    assert all(token not in log_text for token in TOKENS)


def _wait_for_open_transaction(driver: Driver) -> None:
    """Until another transaction holds locks (the review's, on its submission and the board's
    rows), then a moment more: its writes are done and it sleeps before committing."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD activeLockCount WHERE activeLockCount > 0 RETURN count(*) AS n"
        )
        if records[0]["n"] > 0:
            time.sleep(1.0)
            return
        time.sleep(0.1)
    raise AssertionError("the review's transaction did not start")


def _ignore(call: Any) -> None:
    with contextlib.suppress(httpx.HTTPError):
        call()


# --- helpers, and the log ------------------------------------------------------------------------


def _submission_count(driver: Driver, model: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (s:Submission {model: $model}) RETURN count(s) AS n", model=model
    )
    return int(records[0]["n"])


def _status(driver: Driver, model: str) -> str:
    records, _, _ = driver.execute_query(
        "MATCH (s:Submission {model: $model}) RETURN s.status AS status", model=model
    )
    return str(records[0]["status"])


def test_zz_no_log_line_holds_a_token(log_lines: LogLines, tokens: dict[str, str]) -> None:
    """Last of the module: every line written while the tests above ran (the server's, the
    driver's, uvicorn's, at every level), and none holds a token or a token's secret."""
    assert_no_token_logged(log_lines.lines)
