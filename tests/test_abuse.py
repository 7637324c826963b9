"""Hostile requests over real HTTP: each is refused with the right status and code, says what
was wrong in a short message, shows no internals, and does not hold the server.

Every case is one request (`CASES`); the checks common to all are in `_assert_refused_cleanly`.
The worst of them run while /healthz is probed (it must answer within a second), and the
graph is the same after them as before.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
import pytest
from neo4j import Driver

from graphdb.settings import Neo4jSettings
from schema.limits import Limits
from tests.support.graph import count
from tests.support.http import RunningServer, serve_in_thread

ATTENTION = "attention-is-all-you-need"


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """Every test here reads the module's archive."""


@dataclass(frozen=True)
class Case:
    name: str
    send: Callable[[str], httpx.Response]  # given the base URL
    status: int
    code: str | None  # of every error; None: the request is served (200, no errors)
    says: str = ""  # a part of the (first) error's message


def post(
    query: str, variables: Any = None, operation: Any = None, **extra: Any
) -> Callable[[str], httpx.Response]:
    body = {"query": query, "variables": variables, "operationName": operation, **extra}
    return lambda base: httpx.post(f"{base}/graphql", json=body, timeout=30)


def raw(
    content: bytes, content_type: str = "application/json", method: str = "POST"
) -> Callable[[str], httpx.Response]:
    return lambda base: httpx.request(method, f"{base}/graphql", content=content,
                                      headers={"content-type": content_type}, timeout=30)  # fmt: skip


def get(params: dict[str, str]) -> Callable[[str], httpx.Response]:
    return lambda base: httpx.get(f"{base}/graphql", params=params, timeout=30)


def fan_out(levels: int, leaf: str = "title") -> str:
    """Each fragment spreads the next twice: 2^levels fields in a text of a few hundred bytes."""
    fragments = [f"fragment F{i} on Paper {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on Paper {{ {leaf} }}")
    return f'{{ paper(slug: "{ATTENTION}") {{ ...F0 }} }} ' + " ".join(fragments)


def fan_out_aliases(levels: int) -> str:
    fragments = [f"fragment F{i} on Paper {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on Paper {{ t: title }}")
    return f'{{ paper(slug: "{ATTENTION}") {{ ...F0 }} }} ' + " ".join(fragments)


def nested(depth: int) -> str:
    """A paper, its related papers' related papers ... `depth` lists deep."""
    return '{ paper(slug: "%s") { %s title %s } }' % (
        ATTENTION, "related(first: 1) { nodes { " * depth, "} } " * depth)  # fmt: skip


def cursor(*values: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(values))).decode().rstrip("=")


PAPERS_PAGE = "query($after: String) { papers(first: 2, after: $after) { nodes { slug } } }"
AUTHOR_PAGE = 'query($after: String) { paper(slug: "%s") { authors(after: $after) { nodes { name } } } }' % ATTENTION  # fmt: skip
SEARCH_PAGE = (
    'query($after: String) { search(query: "attention", after: $after) { nodes { slug } } }'
)
SEARCH = "query($q: String!) { search(query: $q) { totalCount nodes { slug } } }"
PAPERS_WHERE = "query($w: PaperWhere) { papers(first: 1, where: $w) { nodes { slug } } }"
PAPERS_ORDER = "query($o: [PaperOrder!]) { papers(first: 1, orderBy: $o) { nodes { slug } } }"

BIG = 1_100_000  # bytes: over the body limit

# fmt: off
CASES: list[Case] = [
    # Fragments that fan out: refused by their measure, never expanded.
    *(Case(f"fan-out-2^{n}", post(fan_out(n)), 200, "QUERY_TOO_COMPLEX", "too expensive")
      for n in (17, 18, 20, 24, 30, 60)),
    Case("fan-out-2^30-typename", post(fan_out(30, "__typename")), 200, "QUERY_TOO_COMPLEX"),
    Case("fan-out-aliases-2^30", post(fan_out_aliases(30)), 200, "QUERY_TOO_COMPLEX", "aliases found"),
    Case("fan-out-deep-leaf", post(fan_out(30, "related { nodes { " * 9 + "title" + " } }" * 9)),
         200, "QUERY_TOO_COMPLEX"),
    Case("fragment-cycle", post("{ paper(slug: \"x\") { ...A } } fragment A on Paper { ...B } fragment B on Paper { ...A }"),
         200, "GRAPHQL_VALIDATION_FAILED", "Cannot spread fragment"),
    Case("fragment-unknown", post("{ paper(slug: \"x\") { ...Nope } }"), 200, "GRAPHQL_VALIDATION_FAILED"),
    # Depth, aliases, tokens, text length.
    *(Case(f"depth-{d}", post(nested(d)), 200, "QUERY_TOO_COMPLEX", "maximum operation depth")
      for d in (8, 20, 60)),
    Case("depth-200", post(nested(200)), 200, "QUERY_TOO_COMPLEX", "nested too deeply"),
    Case("depth-ok", post(nested(7)), 200, None),
    *(Case(f"aliases-{n}", post("{ " + " ".join(f"a{i}: __typename" for i in range(n)) + " }"),
           200, "QUERY_TOO_COMPLEX", "aliases found") for n in (31, 500)),
    Case("aliases-30", post("{ " + " ".join(f"a{i}: __typename" for i in range(30)) + " }"), 200, None),
    Case("tokens-3001", post("{ " + "__typename " * 3001 + "}"), 200, "QUERY_TOO_COMPLEX", "tokens"),
    Case("text-of-comments", post("#" + "x" * 60_000 + "\n{ __typename }"), 200, "QUERY_TOO_COMPLEX",
         "characters; at most 50,000"),
    Case("text-of-spaces", post(" " * 60_000 + "{ __typename }"), 200, "QUERY_TOO_COMPLEX"),
    Case("text-of-commas", post("{" + "," * 60_000 + "__typename }"), 200, "QUERY_TOO_COMPLEX"),
    Case("cost", post('{ papers(first: 100) { nodes { related(first: 100) { nodes { related(first: 100) { nodes { title } } } } } } }'),
         200, "QUERY_TOO_COMPLEX", "estimated cost"),
    Case("cost-by-variable", post('query($n: Int) { papers(first: $n) { nodes { related(first: $n) { nodes { related(first: $n) { nodes { title } } } } } } }', {"n": 100}),
         200, "QUERY_TOO_COMPLEX"),
    # Sizes of the body and its values.
    Case("body-over-limit", raw(b'{"query": "{ __typename }", "pad": "' + b"x" * BIG + b'"}'), 413, "REQUEST_TOO_LARGE"),
    Case("body-over-limit-chunked", lambda base: httpx.post(
        f"{base}/graphql", content=iter([b'{"query": "', b"x" * BIG, b'"}']),
        headers={"content-type": "application/json"}, timeout=30), 413, "REQUEST_TOO_LARGE"),
    Case("string-literal-1MB", post('{ search(query: "%s") { totalCount } }' % ("word " * 2000)), 200,
         "BAD_USER_INPUT", "characters; at most 1,000"),
    Case("string-variable-long", post(SEARCH, {"q": "x" * 5000}), 200, "BAD_USER_INPUT", "variables.q"),
    Case("string-variable-deep", post(PAPERS_WHERE, {"w": {"OR": [{"titleContains": "a"}, {"titleContains": "y" * 5000}]}}),
         200, "BAD_USER_INPUT", "variables.w.OR[1].titleContains"),
    Case("variables-nested-json", raw(b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}"),
         400, "BAD_USER_INPUT", "not valid JSON"),
    # Search: words, Lucene's syntax, long words.
    Case("search-1024-words", post(SEARCH, {"q": " ".join(f"w{i}" for i in range(1024))}), 200,
         "BAD_USER_INPUT", "characters; at most 1,000"),
    Case("search-400-words", post(SEARCH, {"q": "a " * 400}), 200, "BAD_USER_INPUT", "400 words; at most 32"),
    Case("search-33-words", post(SEARCH, {"q": " ".join(["attention"] * 33)}), 200, "BAD_USER_INPUT"),
    Case("search-32-words", post(SEARCH, {"q": " ".join(["attention"] * 32)}), 200, None),
    Case("search-long-word", post(SEARCH, {"q": "a" * 1000}), 200, None),
    *(Case(f"search-syntax-{i}", post(SEARCH, {"q": q}), 200, None) for i, q in enumerate([
        "title:attention", "atten*", "*", "?", '"unterminated', "a AND OR b", "\\", "~2", "/regex/",
        "a^10", "[a TO z]", "{a TO z}", "(((", ")", "!", "&&", "||", "-", "+", ":", "NOT", "AND",
        "attention~", "\u0000", "🙂 attention", "a" * 300 + "*"])),
    Case("search-empty", post(SEARCH, {"q": "   "}), 200, "BAD_USER_INPUT", "query"),
    # Filters and orders too large.
    Case("where-or-20000", post(PAPERS_WHERE, {"w": {"OR": [{"titleContains": f"t{i}"} for i in range(20_000)]}}),
         200, "BAD_USER_INPUT", "where: more than 50 conditions"),
    Case("where-deep-not", post(PAPERS_WHERE, {"w": json.loads('{"NOT": ' * 60 + '{"titleContains": "a"}' + "}" * 60)}),
         200, "BAD_USER_INPUT", "where"),
    Case("where-51", post(PAPERS_WHERE, {"w": {"AND": [{"titleContains": f"t{i}"} for i in range(50)]}}), 200, "BAD_USER_INPUT"),
    Case("where-50", post(PAPERS_WHERE, {"w": {"AND": [{"titleContains": f"t{i}"} for i in range(49)]}}), 200, None),
    Case("order-20000", post(PAPERS_ORDER, {"o": [{"field": "TITLE", "direction": "ASC"}] * 20_000}),
         200, "BAD_USER_INPUT", "orderBy: 20,000 entries; at most 5"),
    Case("order-6", post(PAPERS_ORDER, {"o": [{"field": "TITLE", "direction": "ASC"}] * 6}), 200, "BAD_USER_INPUT"),
    # Hand-made cursors.
    *(Case(f"cursor-{name}", post(query, {"after": value}), 200, "BAD_USER_INPUT", "is not a cursor")
      for name, query, value in [
          ("garbage", PAPERS_PAGE, "%%%"),
          ("not-base64-json", PAPERS_PAGE, base64.b64encode(b"hello").decode()),
          ("json-object", PAPERS_PAGE, cursor({"a": 1})),
          ("empty-list", PAPERS_PAGE, cursor()),
          ("other-list", AUTHOR_PAGE, cursor("search", 1.0, "x")),
          ("author-wrong-types", AUTHOR_PAGE, cursor("paper.authors", "x", "y")),
          ("author-too-long", AUTHOR_PAGE, cursor("paper.authors", 1, "x", "y")),
          ("search-score-string", SEARCH_PAGE, cursor("search", "high", "x")),
          ("search-score-bool", SEARCH_PAGE, cursor("search", True, "x")),
          ("search-slug-number", SEARCH_PAGE, cursor("search", 1.0, 7)),
          ("search-slug-object", SEARCH_PAGE, cursor("search", 1.0, {"a": [1]})),
          ("search-slug-null", SEARCH_PAGE, cursor("search", 1.0, None)),
          ("search-three-values", SEARCH_PAGE, cursor("search", 1.0, "x", "y")),
      ]),
    Case("cursor-over-string-limit", post(SEARCH_PAGE, {"after": cursor("search", 1.0, "x" * 5000)}),
         200, "BAD_USER_INPUT", "characters"),
    # Bodies that are not one GraphQL request.
    *(Case(f"body-{name}", raw(content), 400, "BAD_USER_INPUT", says) for name, content, says in [
        ("number", b"42", "JSON object"), ("string", b'"{ __typename }"', "JSON object"),
        ("null", b"null", "JSON object"), ("true", b"true", "JSON object"),
        ("array", b"[]", "batching"), ("batch", b'[{"query": "{ __typename }"}]', "batching"),
        ("query-number", b'{"query": 42}', "query"), ("query-list", b'{"query": ["{ a }"]}', "query"),
        ("variables-number", b'{"query": "{ __typename }", "variables": 5}', "variables"),
        ("variables-string", b'{"query": "{ __typename }", "variables": "{}"}', "variables"),
        ("operation-number", b'{"query": "{ __typename }", "operationName": 7}', "operationName"),
        ("extensions-list", b'{"query": "{ __typename }", "extensions": [1]}', "extensions"),
        ("invalid-json", b'{"query": ', "not valid JSON"), ("empty", b"", "not valid JSON"),
        ("no-query", b"{}", "No GraphQL query"), ("nul-bytes", b"\x00\x00\x00", "not valid JSON"),
        ("latin1", '{"query": "é"}'.encode("latin-1"), "not valid JSON"),
    ]),
    Case("content-type-text", raw(b'{"query": "{ __typename }"}', "text/plain"), 415, "BAD_USER_INPUT", "application/json"),
    Case("content-type-form", raw(b"query=%7B__typename%7D", "application/x-www-form-urlencoded"), 415, "BAD_USER_INPUT"),
    *(Case(f"method-{m}", raw(b"{}", method=m), 405, "BAD_USER_INPUT") for m in ("PUT", "DELETE", "PATCH")),
    Case("get-bad-variables", get({"query": "{ __typename }", "variables": "{nope"}), 400, "BAD_USER_INPUT", "variables"),
    # Operations.
    Case("two-operations-unnamed", post("query A { __typename } query B { __typename }"), 400,
         "BAD_USER_INPUT", "several operations"),
    Case("operation-unknown", post("query A { __typename }", operation="B"), 400, "BAD_USER_INPUT", "no operation named"),
    Case("operation-long-name", post("query A { __typename }", operation="B" * 5000), 400, "BAD_USER_INPUT"),
    Case("only-fragments", post("fragment F on Paper { title }"), 400, "BAD_USER_INPUT", "no operation"),
    Case("mutation", post("mutation { x }"), 200, "GRAPHQL_VALIDATION_FAILED"),
    Case("subscription", post("subscription { x }"), 200, "GRAPHQL_VALIDATION_FAILED"),
    Case("syntax", post("{ paper(slug: ) }"), 200, "GRAPHQL_VALIDATION_FAILED", "Syntax Error"),
    Case("empty-selection", post("{ paper(slug: \"x\") { } }"), 200, "GRAPHQL_VALIDATION_FAILED"),
    Case("conflicting-aliases", post('{ a: paper(slug: "x") { title } a: paper(slug: "y") { title } }'),
         200, "GRAPHQL_VALIDATION_FAILED", "conflict"),
    # Arguments out of range or of the wrong kind.
    *(Case(f"first-{n}", post("{ papers(first: %d) { nodes { slug } } }" % n), 200, "BAD_USER_INPUT")
      for n in (-1, 101, 1000)),
    Case("first-overflow", post("{ papers(first: 99999999999) { nodes { slug } } }"), 200, "GRAPHQL_VALIDATION_FAILED"),
    Case("first-variable-string", post("query($n: Int) { papers(first: $n) { nodes { slug } } }", {"n": "5"}),
         200, "GRAPHQL_VALIDATION_FAILED"),
    Case("neighborhood-limit-0", post('{ neighborhood(id: "UGFwZXI6eA", limit: 0) { nodes { __typename } } }'), 200, "BAD_USER_INPUT"),
    Case("neighborhood-limit-501", post('{ neighborhood(id: "UGFwZXI6eA", limit: 501) { nodes { __typename } } }'), 200, "BAD_USER_INPUT"),
    Case("path-hops-7", post('{ path(from: "UGFwZXI6eA", to: "UGFwZXI6eQ", maxHops: 7) { nodes { __typename } } }'), 200, "BAD_USER_INPUT"),
    *(Case(f"node-id-{name}", post("query($id: ID!) { node(id: $id) { __typename } }", {"id": value}),
           200, "BAD_USER_INPUT", "id") for name, value in [
        ("garbage", "!!!"), ("no-key", base64.b64encode(b"Paper:").decode()),
        ("unknown-type", base64.b64encode(b"Secret:x").decode()), ("long", "Q" * 900),
    ]),
    Case("paper-id-of-author", post('{ paper(id: "%s") { title } }' % base64.urlsafe_b64encode(b"Author:x").decode().rstrip("=")),
         200, "BAD_USER_INPUT", "an Author"),
    Case("arxiv-bad", post('{ paper(arxivId: "nope") { title } }'), 200, "BAD_USER_INPUT", "arxivId:"),
    Case("two-keys", post('{ paper(slug: "a", arxivId: "1706.03762") { title } }'), 200, "BAD_USER_INPUT"),
    Case("date-bad", post('{ papers(first: 1, where: {publishedAfter: "yesterday"}) { nodes { slug } } }'), 200, "GRAPHQL_VALIDATION_FAILED"),
    # Injection attempts are only values: nothing found, nothing changed.
    *(Case(f"injection-{i}", post("query($s: String!) { paper(slug: $s) { title } }", {"s": s}), 200, None)
      for i, s in enumerate(['x"}) MATCH (n) DETACH DELETE n //', "x' OR 1=1 --", "$slug", "`n`",
                             "x\\u0027}) RETURN 1 //", "{{v}}", "%(x)s", "${k}"])),
    Case("injection-title", post(PAPERS_WHERE, {"w": {"titleContains": "') DETACH DELETE n //"}}), 200, None),
]
# fmt: on


def _body(response: httpx.Response) -> Any:
    assert response.headers["content-type"].startswith("application/json"), response.text[:300]
    return response.json()


def _assert_refused_cleanly(case: Case, response: httpx.Response) -> None:
    text = response.text
    for internal in ("Traceback", "MATCH (", "neo4j.", 'File "', "CALL ()", "Exception"):
        assert internal not in text, f"{case.name}: {internal!r} in {text[:500]}"
    assert response.status_code == case.status, f"{case.name}: {response.status_code} {text[:500]}"
    body = _body(response)
    if case.code is None:
        assert "errors" not in body, f"{case.name}: {body['errors']}"
        return
    errors = body["errors"]
    assert errors, case.name
    assert {e["extensions"]["code"] for e in errors} == {case.code}, f"{case.name}: {errors}"
    assert case.says in errors[0]["message"], f"{case.name}: {errors[0]['message']}"
    # A message names what was wrong; it does not echo the input back whole.
    assert all(len(e["message"]) < 400 for e in errors), (
        f"{case.name}: {errors[0]['message'][:500]}"
    )
    assert len(text) < 20_000, f"{case.name}: a {len(text)} byte answer"


def test_the_suite_is_large() -> None:
    assert len(CASES) >= 100
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_hostile_request_is_refused_cleanly(api_server: RunningServer, case: Case) -> None:
    _assert_refused_cleanly(case, case.send(api_server.base_url))


WORST = [c for c in CASES if c.name in (
    "fan-out-2^30", "fan-out-aliases-2^30", "fan-out-deep-leaf", "where-or-20000", "order-20000",
    "body-over-limit-chunked", "text-of-commas", "search-1024-words", "depth-200", "tokens-3001",
)]  # fmt: skip


def _probe_health(base: str, stop: threading.Event, waits: list[float]) -> None:
    with httpx.Client(timeout=10) as client:
        while not stop.is_set():
            started = time.perf_counter()
            assert client.get(f"{base}/healthz").status_code == 200
            waits.append(time.perf_counter() - started)
            time.sleep(0.02)


def test_health_answers_within_a_second_while_the_worst_requests_run(
    api_server: RunningServer,
) -> None:
    stop, waits = threading.Event(), []  # type: ignore[var-annotated]
    prober = threading.Thread(target=_probe_health, args=(api_server.base_url, stop, waits))
    prober.start()
    try:
        for _ in range(2):
            for case in WORST:
                _assert_refused_cleanly(case, case.send(api_server.base_url))
    finally:
        stop.set()
        prober.join()
    assert len(waits) >= 5
    assert max(waits) < 1.0, f"/healthz waited {max(waits):.2f}s"


def test_limits_are_settings(neo4j_settings: Neo4jSettings) -> None:
    """A server with smaller limits refuses at them (and names the setting)."""
    limits = Limits(body_bytes=5_000, query_chars=200, string_chars=10, search_words=2, cost=100)
    with serve_in_thread(neo4j_settings, limits=limits) as server:
        cases = [
            Case("get-over", get({"query": "{ __typename }", "pad": "x" * 6_000}), 413, "REQUEST_TOO_LARGE",
                 "PAPERS_GRAPH_MAX_BODY_BYTES"),
            Case("post-over", raw(b'{"query": "{ __typename }", "x": "' + b"y" * 6_000 + b'"}'), 413,
                 "REQUEST_TOO_LARGE", "at most 5,000"),
            Case("text", post("{ __typename }" + " " * 200), 200, "QUERY_TOO_COMPLEX", "PAPERS_GRAPH_MAX_QUERY_CHARS"),
            Case("string", post(SEARCH, {"q": "x" * 11}), 200, "BAD_USER_INPUT", "PAPERS_GRAPH_MAX_STRING_CHARS"),
            Case("words", post(SEARCH, {"q": "a b c"}), 200, "BAD_USER_INPUT", "PAPERS_GRAPH_MAX_SEARCH_WORDS"),
            Case("cost", post("{ papers(first: 60) { nodes { slug } } }"), 200, "QUERY_TOO_COMPLEX", "limit of 100"),
            Case("served", post(SEARCH, {"q": "a b"}), 200, None),
        ]  # fmt: skip
        for case in cases:
            _assert_refused_cleanly(case, case.send(server.base_url))


def test_limits_are_read_from_the_environment() -> None:
    assert Limits.from_env({"PAPERS_GRAPH_MAX_COST": "5_000"}).cost == 5_000
    assert Limits.from_env({}) == Limits()
    with pytest.raises(ValueError, match="PAPERS_GRAPH_MAX_DEPTH"):
        Limits.from_env({"PAPERS_GRAPH_MAX_DEPTH": "deep"})
    with pytest.raises(ValueError, match="at least 1"):
        Limits.from_env({"PAPERS_GRAPH_MAX_ALIASES": "0"})


def test_the_graph_is_unchanged_by_the_suite(api_server: RunningServer, api_graph: Driver) -> None:
    before = (count(api_graph, "MATCH (n) RETURN count(n)"),
              count(api_graph, "MATCH ()-[r]->() RETURN count(r)"))  # fmt: skip
    for case in CASES:
        if case.name.startswith("injection"):
            _assert_refused_cleanly(case, case.send(api_server.base_url))
    after = (count(api_graph, "MATCH (n) RETURN count(n)"),
             count(api_graph, "MATCH ()-[r]->() RETURN count(r)"))  # fmt: skip
    assert before == after and before[0] > 0


def test_a_request_id_is_kept_only_in_a_safe_format(api_server: RunningServer) -> None:
    url = f"{api_server.base_url}/graphql"
    body = {"query": "{ __typename }"}
    kept = httpx.post(url, json=body, headers={"x-request-id": "trace-1.2:3_x"})
    assert kept.headers["x-request-id"] == "trace-1.2:3_x"
    for hostile in ("<script>alert(1)</script>", "a" * 65, "a b", "x;rm -rf", "é"):
        answer = httpx.post(url, json=body, headers={"x-request-id": hostile.encode("utf-8")})
        assert answer.status_code == 200
        assert answer.headers["x-request-id"] != hostile
        assert len(answer.headers["x-request-id"]) == 16


def test_a_tampered_cursor_with_the_right_tag_is_refused(api_server: RunningServer) -> None:
    """A real cursor of the papers list, its values changed: refused, not a server error."""
    page = api_server.data(PAPERS_PAGE)
    assert page["papers"]["nodes"]
    real = api_server.data(
        "{ papers(first: 1) { pageInfo { endCursor } } }")["papers"]["pageInfo"]["endCursor"]  # fmt: skip
    tag, *values = orjson.loads(base64.urlsafe_b64decode(real + "=" * (-len(real) % 4)))
    assert all("(" not in str(v) and "n." not in str(v) for v in [tag, *values]), (
        "Cypher in a cursor"
    )
    for tampered in ([tag, 5, values[1]], [tag, "not-a-date", values[1]], [tag, values[0], None],
                     [tag, values[0], values[1], "extra"], [tag, [values[0]], values[1]]):  # fmt: skip
        response = api_server.graphql(PAPERS_PAGE, {"after": cursor(*tampered)})
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", tampered
        assert error["path"] == ["papers"]
    follow = api_server.data(PAPERS_PAGE, {"after": real})["papers"]["nodes"]
    assert follow and follow[0]["slug"] != page["papers"]["nodes"][0]["slug"]
