"""Writes tests/golden/corpus.json once: the requests whose answers are recorded.

    PAPERS_GRAPH_TEST_NEO4J_URI=bolt://... python -m tests.golden.make_corpus

It loads the golden archive, picks real names from it, and writes hand-written requests for
every feature and error, then random walks from real nodes through the schema (fixed seed),
and second and third pages from the cursors of first pages. The file is checked in; the
tests read it and never make it again.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from pathlib import Path
from typing import Any

from graphql import GraphQLNonNull, GraphQLObjectType, GraphQLSchema, get_named_type

from graphdb.driver import open_sync_driver
from graphdb.settings import Neo4jSettings
from schema.build import sdl
from schema.data.cursors import encode_cursor, encode_id
from tests.golden.archive import load_golden_archive
from tests.support.http import serve_in_thread

HERE = Path(__file__).parent
DOCS = HERE.parent.parent / "docs" / "queries"
SCALARS = {"String", "Int", "Float", "Boolean", "ID", "Date"}


def names(driver: Any, query: str) -> list[Any]:
    return [r[0] for r in driver.execute_query(query).records]


def hand_written(v: dict[str, list[Any]]) -> list[dict[str, Any]]:
    paper, slug2 = v["slugs"][0], v["slugs"][1]
    pid = encode_id("Paper", paper)
    aid = encode_id("Author", v["authors"][0])
    tid = encode_id("Task", v["tasks"][0])
    board = v["boards"][0]
    q: list[tuple[str, str, dict[str, Any] | None]] = []
    add = lambda name, query, variables=None: q.append((name, query, variables))  # noqa: E731
    add(
        "paper-fields",
        '{ paper(slug: "%s") { id slug arxivId title abstract published urlAbs urlPdf proceeding conference pwcUrl isStub } }'
        % paper,
    )
    add("paper-arxiv-version", '{ paper(arxivId: "1706.03762v2") { title } }')
    add("paper-arxiv-url", '{ paper(arxivId: "https://arxiv.org/abs/1706.03762v1") { slug } }')
    add("paper-arxiv-bad", '{ paper(arxivId: "nope") { title } }')
    add("paper-no-key", "{ paper { title } }")
    add("paper-two-keys", '{ paper(slug: "x", arxivId: "1706.03762") { title } }')
    add("paper-id", '{ paper(id: "%s") { title } }' % pid)
    add("paper-id-other-type", '{ paper(id: "%s") { title } }' % aid)
    add("paper-id-garbage", '{ paper(id: "garbage!!") { title } }')
    add("paper-missing", '{ paper(slug: "no-such-paper") { title authors { totalCount } } }')
    add(
        "author-page",
        '{ author(name: "Ada Prolific") { id name paperCount papers(first: 3) { totalCount nodes { slug published } } coauthors(first: 3) { edges { sharedPapers node { name } } } tasks { nodes { name } } } }',
    )
    add(
        "author-first-101",
        '{ author(name: "Ada Prolific") { papers(first: 101) { nodes { slug } } } }',
    )
    add(
        "author-first-neg",
        '{ author(name: "Ada Prolific") { papers(first: -1) { nodes { slug } } } }',
    )
    add(
        "author-first-0",
        '{ author(name: "Ada Prolific") { papers(first: 0) { totalCount nodes { slug } pageInfo { hasNextPage } } } }',
    )
    add(
        "author-bad-cursor",
        '{ author(name: "Ada Prolific") { papers(after: "bad") { nodes { slug } } } }',
    )
    add(
        "author-cursor-other-list",
        '{ author(name: "Ada Prolific") { papers(after: "%s") { nodes { slug } } } }'
        % encode_cursor("paper.tasks", ["x"]),
    )
    add("author-by-id", '{ author(id: "%s") { name } }' % aid)
    add(
        "task-page",
        '{ task(name: "Question Answering") { name description synonyms paperCount areas { name } parent { name } subtasks { totalCount nodes { name parent { name } } } datasets { nodes { name } } leaderboards { totalCount nodes { dataset { name } metric metrics higherIsBetter rows(first: 2) { nodes { model value rank paper { title } } } } } } }',
    )
    add("task-by-id", '{ task(id: "%s") { name papers(first: 2) { nodes { slug } } } }' % tid)
    add(
        "dataset-page",
        '{ dataset(name: "ImageNet") { id name fullName description homepage modalities languages introducedDate paperCount introducedIn { title } tasks { nodes { name } } papers { nodes { slug } } leaderboards { nodes { task { name description } metric } } } }',
    )
    add(
        "method-page",
        '{ method(name: "Multi-Head Attention") { id name fullName description introducedYear paperCount introducedIn { slug } collections { name area } papers { nodes { slug } } } }',
    )
    add(
        "repository-page",
        '{ repository(url: "https://github.com/google-research/bert") { id url owner name framework papers { totalCount edges { official mentionedInPaper mentionedInGithub node { slug } } } } }',
    )
    add("repository-missing", '{ repository(url: "https://example.org/none") { url } }')
    add(
        "leaderboard-all",
        '{ leaderboard(task: "Image Classification", dataset: "ImageNet") { task { name } dataset { name } metrics metric higherIsBetter rows { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id model metric value numericValue errorBound higherIsBetter rank usesAdditionalData paperTitle paperUrl paperDate codeLinks paper { slug } task { name } dataset { name fullName } } } } } }',
    )
    add(
        "leaderboard-metric",
        '{ leaderboard(task: "Image Classification", dataset: "ImageNet", metric: "Number of params") { metric higherIsBetter rows { nodes { model rank } } } }',
    )
    add(
        "leaderboard-bad-metric",
        '{ leaderboard(task: "Image Classification", dataset: "ImageNet", metric: "Nope") { metric } }',
    )
    add("leaderboard-unknown", '{ leaderboard(task: "Nope", dataset: "ImageNet") { metric } }')
    add(
        "leaderboard-generated",
        "query($t: String!, $d: String!) { leaderboard(task: $t, dataset: $d) { metric metrics rows(first: 5) { totalCount nodes { model value rank paper { slug } } } } }",
        {"t": board[0], "d": board[1]},
    )
    add(
        "leaderboard-rows-bad-cursor",
        '{ leaderboard(task: "Task 0", dataset: "Bench 0") { rows(after: "zzz") { nodes { model } } } }',
    )
    for word in ["attention", "study", "prolific", "network", "learning", "zzzzzz"]:
        add(
            f"search-{word}",
            "query($q: String!) { search(query: $q, first: 3) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { score cursor node { slug } } } }",
            {"q": word},
        )
    add(
        "search-arxiv",
        '{ search(query: "1706.03762") { totalCount edges { score cursor node { slug } } pageInfo { hasNextPage } } }',
    )
    add(
        "search-arxiv-url",
        '{ search(query: "https://arxiv.org/abs/1706.03762v1") { totalCount nodes { slug } } }',
    )
    add(
        "search-arxiv-after",
        '{ search(query: "1706.03762", after: "%s") { totalCount nodes { slug } pageInfo { hasPreviousPage } } }'
        % encode_cursor("search", [1.0, "attention-is-all-you-need"]),
    )
    add("search-blank", '{ search(query: "   ") { totalCount } }')
    add(
        "search-lucene",
        '{ search(query: "study AND (prolific) -x ~ \\"", first: 2) { totalCount nodes { title } } }',
    )
    add("search-first-101", '{ search(query: "study", first: 101) { totalCount } }')
    add("search-bad-cursor", '{ search(query: "study", after: "nope") { totalCount } }')
    for t in ("Paper", "Author", "Task", "Dataset", "Method", "Repository"):
        key = {
            "Paper": paper,
            "Author": v["authors"][1],
            "Task": v["tasks"][1],
            "Dataset": "ImageNet",
            "Method": "Multi-Head Attention",
            "Repository": "https://github.com/google-research/bert",
        }[t]
        add(
            f"node-{t}",
            '{ node(id: "%s") { __typename id ... on Paper { title } ... on Author { name paperCount } ... on Task { name } ... on Dataset { name } ... on Method { name } ... on Repository { url } } }'
            % encode_id(t, key),
        )
    add(
        "node-result",
        '{ node(id: "%s") { id ... on Result { model metric } } }'
        % encode_id("Result", v["results"][0]),
    )
    add("node-area", '{ node(id: "%s") { id } }' % encode_id("Area", "Computer Vision"))
    add("node-garbage", '{ node(id: "!!") { id } }')
    add("node-missing", '{ node(id: "%s") { id } }' % encode_id("Paper", "none"))
    add(
        "node-nested",
        '{ node(id: "%s") { ... on Paper { authors { nodes { name papers(first: 2) { nodes { slug } } } } } } }'
        % pid,
    )
    for hops in (1, 2, 3):
        add(
            f"neighborhood-{hops}",
            '{ neighborhood(id: "%s", hops: %d, limit: 15) { nodes { __typename id ... on Paper { title } ... on Author { name } } edges { source target type } } }'
            % (pid, hops),
        )
    add(
        "neighborhood-missing",
        '{ neighborhood(id: "%s") { nodes { id } edges { type } } }' % encode_id("Paper", "none"),
    )
    add("neighborhood-hops-0", '{ neighborhood(id: "%s", hops: 0) { nodes { id } } }' % pid)
    add("neighborhood-hops-4", '{ neighborhood(id: "%s", hops: 4) { nodes { id } } }' % pid)
    add("neighborhood-limit-0", '{ neighborhood(id: "%s", limit: 0) { nodes { id } } }' % pid)
    add("neighborhood-limit-501", '{ neighborhood(id: "%s", limit: 501) { nodes { id } } }' % pid)
    add("neighborhood-area", '{ neighborhood(id: "%s") { nodes { id } } }' % encode_id("Area", "x"))
    add(
        "path-connected",
        '{ path(from: "%s", to: "%s") { nodes { __typename id } edges { source target type } } }'
        % (pid, encode_id("Paper", slug2)),
    )
    add(
        "path-author",
        '{ path(from: "%s", to: "%s", maxHops: 6) { nodes { id } edges { type } } }' % (pid, aid),
    )
    add("path-same", '{ path(from: "%s", to: "%s") { nodes { id } edges { type } } }' % (pid, pid))
    add(
        "path-missing",
        '{ path(from: "%s", to: "%s") { nodes { id } } }' % (pid, encode_id("Paper", "none")),
    )
    add("path-hops-0", '{ path(from: "%s", to: "%s", maxHops: 0) { nodes { id } } }' % (pid, pid))
    add("path-hops-7", '{ path(from: "%s", to: "%s", maxHops: 7) { nodes { id } } }' % (pid, pid))
    add("path-bad-from", '{ path(from: "??", to: "%s") { nodes { id } } }' % pid)
    add(
        "aliases",
        '{ __typename a: paper(slug: "%s") { __typename title } b: paper(slug: "nope") { title } c: paper(slug: "%s") { t: title authors(first: 1) { nodes { name } } more: authors(first: 2) { nodes { name } } } }'
        % (paper, slug2),
    )
    add(
        "fragments-vars",
        'query Q($n: Int, $s: Boolean!) { paper(slug: "%s") { title @skip(if: $s) authors(first: $n) { nodes { name } } ...F } } fragment F on Paper { tasks { nodes { ...G } } } fragment G on Task { name id }'
        % paper,
        {"n": 2, "s": True},
    )
    add(
        "include-false",
        'query Q($i: Boolean!) { paper(slug: "%s") { title authors @include(if: $i) { totalCount } } }'
        % paper,
        {"i": False},
    )
    add(
        "include-literal",
        '{ paper(slug: "%s") { title @include(if: true) slug @skip(if: true) } }' % paper,
    )
    add(
        "missing-variable",
        'query Q($s: Boolean!) { paper(slug: "%s") { title @skip(if: $s) } }' % paper,
        {},
    )
    add(
        "wrong-variable-type", "query Q($n: Int) { papers(first: $n) { totalCount } }", {"n": "ten"}
    )
    add(
        "date-variable",
        "query Q($d: Date) { papers(first: 3, where: {publishedFrom: $d}) { totalCount nodes { published } } }",
        {"d": "2020-03-01"},
    )
    add(
        "date-variable-bad",
        "query Q($d: Date) { papers(where: {publishedFrom: $d}) { totalCount } }",
        {"d": "March"},
    )
    add("date-literal-bad", '{ papers(where: {publishedFrom: "soon"}) { totalCount } }')
    add(
        "where-variable",
        "query Q($w: PaperWhere, $o: [PaperOrder!]) { papers(first: 4, where: $w, orderBy: $o) { totalCount nodes { slug title published } } }",
        {
            "w": {"OR": [{"titleContains": "study"}, {"hasCode": True}]},
            "o": [{"field": "TITLE", "direction": "ASC"}],
        },
    )
    add("unknown-field", '{ paper(slug: "x") { nope } }')
    add("syntax-error", "{ paper(slug: ) }")
    add("depth", "{ " + 'paper(slug: "x") { related { nodes { ' * 9 + "title" + " } } }" * 9 + " }")
    add("aliases-too-many", "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }")
    add("tokens-too-many", "{ " + " ".join("__typename" for _ in range(3100)) + " }")
    add(
        "cost-too-high",
        "{ papers(first: 100) { nodes { authors(first: 100) { nodes { papers(first: 100) { nodes { title } } } } } } }",
    )
    add(
        "operation-choose", 'query A { __typename } query B { paper(slug: "%s") { title } }' % paper
    )
    add(
        "partial",
        '{ ok: paper(slug: "%s") { title } bad: paper(slug: "%s") { authors(first: 500) { totalCount } } }'
        % (paper, paper),
    )
    add(
        "nested-error-in-list",
        "{ papers(first: 2) { nodes { slug authors(first: 101) { nodes { name } } } } }",
    )
    add(
        "nullable-parent",
        '{ author(name: "Ada Prolific") { name papers(first: 1) { nodes { related(after: "x") { totalCount } } } } }',
    )
    add(
        "result-fields",
        '{ paper(slug: "bert-pre-training-of-deep-bidirectional") { results { nodes { paper { title } model task { name id description } dataset { name } } } repositories(officialOnly: true) { totalCount nodes { url } } } }',
    )
    add(
        "results-filter",
        '{ paper(slug: "deep-residual-learning-for-image") { results(task: "Image Classification", dataset: "ImageNet") { totalCount nodes { metric value } } r2: results(task: "Nope") { totalCount } } }',
    )
    add(
        "repositories-official-false",
        '{ paper(slug: "attention-is-all-you-need") { repositories(officialOnly: false) { totalCount edges { official node { url } } } } }',
    )
    add(
        "introspection-mixed",
        '{ __schema { queryType { name } } paper(slug: "%s") { title } }' % paper,
    )
    add("introspection-type", '{ __type(name: "Paper") { name fields { name } } }')
    add("typename-only", "{ __typename }")
    for name, order in [
        ("published-asc", "{field: PUBLISHED, direction: ASC}"),
        ("title-desc", "{field: TITLE, direction: DESC}"),
        ("two-keys", "[{field: TITLE, direction: ASC}, {field: PUBLISHED}]"),
    ]:
        add(
            f"papers-order-{name}",
            "{ papers(first: 5, orderBy: %s) { edges { cursor node { slug title published } } pageInfo { endCursor hasNextPage } } }"
            % order,
        )
    for name, where in [
        ("has-code", "{hasCode: true}"),
        ("no-code", "{hasCode: false}"),
        ("official", "{officialCodeOnly: true}"),
        ("task", '{task: "%s"}' % v["tasks"][2]),
        ("dataset", '{dataset: "%s"}' % v["datasets"][0]),
        ("method", '{method: "%s"}' % v["methods"][0]),
        ("author", '{author: "%s"}' % v["authors"][2]),
        ("arxiv", '{arxivId: "1706.03762"}'),
        ("title", '{titleContains: "Study"}'),
        ("title-punct", '{titleContains: "!!!"}'),
        ("arxiv-bad", '{arxivId: "x"}'),
        ("and", '{AND: [{hasCode: true}, {task: "%s"}]}' % v["tasks"][3]),
        ("not", "{NOT: {hasCode: true}}"),
        (
            "or-nested",
            '{OR: [{titleContains: "attention"}, {AND: [{author: "Jacob Devlin"}, {NOT: {hasCode: false}}]}]}',
        ),
        ("range", '{publishedFrom: "2020-01-01", publishedTo: "2020-06-30"}'),
        ("empty", "{}"),
        ("too-deep", "{" + "AND: [{" * 26 + "hasCode: true" + "}]" * 26 + "}"),
    ]:
        add(
            f"papers-where-{name}",
            "{ papers(first: 5, where: %s) { totalCount nodes { slug published } pageInfo { hasNextPage } } }"
            % where,
        )
    for root, _item in (
        ("authors", "Author"),
        ("tasks", "Task"),
        ("datasets", "Dataset"),
        ("methods", "Method"),
    ):
        add(
            f"{root}-name-desc",
            "{ %s(first: 4, orderBy: [{field: NAME, direction: DESC}]) { totalCount nodes { name paperCount } } }"
            % root,
        )
        add(
            f"{root}-count",
            "{ %s(first: 4, orderBy: [{field: PAPER_COUNT, direction: DESC}]) { edges { cursor node { name paperCount } } } }"
            % root,
        )
        add(
            f"{root}-contains",
            '{ %s(first: 4, where: {OR: [{nameContains: "e"}, {name: "Adam"}]}) { totalCount nodes { name } } }'
            % root,
        )
        add(
            f"{root}-not",
            '{ %s(first: 3, where: {NOT: {nameContains: "a"}}) { nodes { name } } }' % root,
        )
    for name in sorted(DOCS.glob("*.graphql")):
        text = name.read_text()
        variables: dict[str, Any] = {}
        if "$id" in text:
            variables = {"id": pid}
        if "$name" in text:
            variables["name"] = "Ada Prolific"
        add(f"docs-{name.stem}", text, variables)
    return [
        {"id": n, "method": "POST", "query": query, "variables": variables, "operationName": None}
        for n, query, variables in q
    ]


def walk(schema: GraphQLSchema, type_: GraphQLObjectType, rng: random.Random, depth: int) -> str:
    """A random selection of `type_`'s fields, lists with a page size, to `depth` lists deep."""
    parts = []
    fields = list(type_.fields.items())
    rng.shuffle(fields)
    for name, field in fields[: rng.randint(1, 5)]:
        named = get_named_type(field.type)
        args = ""
        if "first" in field.args:
            args = f"(first: {rng.choice([1, 2, 3, 5])})"
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        if named.name in SCALARS or not isinstance(named, GraphQLObjectType):
            if isinstance(named, GraphQLObjectType):
                continue
            parts.append(name)
            continue
        if depth <= 0:
            continue
        inner = walk(schema, named, rng, depth - (1 if "first" in field.args else 0))
        if inner:
            parts.append(f"{name}{args} {{ {inner} }}")
    if rng.random() < 0.2:
        parts.append("__typename")
    return " ".join(parts)


def walks(
    schema: GraphQLSchema, v: dict[str, list[Any]], rng: random.Random, count: int
) -> list[dict[str, Any]]:
    starts = [
        ("paper", "slug", "Paper", v["slugs"]), ("author", "name", "Author", v["authors"]),
        ("task", "name", "Task", v["tasks"]), ("dataset", "name", "Dataset", v["datasets"]),
        ("method", "name", "Method", v["methods"]), ("repository", "url", "Repository", v["repositories"]),
    ]  # fmt: skip
    out = []
    for i in range(count):
        root, key, type_name, values = rng.choice(starts)
        type_ = schema.get_type(type_name)
        assert isinstance(type_, GraphQLObjectType)
        selection = walk(schema, type_, rng, rng.randint(1, 3)) or "__typename"
        query = "query($k: String!) { %s(%s: $k) { %s } }" % (root, key, selection)
        out.append(
            {
                "id": f"walk-{i:03d}",
                "method": "POST",
                "query": query,
                "variables": {"k": rng.choice(values)},
                "operationName": None,
            }
        )
    for i in range(count // 4):
        root = rng.choice(["papers", "authors", "tasks", "datasets", "methods"])
        query_type = schema.query_type
        assert query_type is not None
        conn = get_named_type(query_type.fields[root].type)
        assert isinstance(conn, GraphQLObjectType)
        selection = walk(schema, conn, rng, 2) or "totalCount"
        out.append(
            {
                "id": f"walk-root-{i:03d}",
                "method": "POST",
                "query": "{ %s(first: %d) { %s } }" % (root, rng.choice([1, 3, 7]), selection),
                "variables": None,
                "operationName": None,
            }
        )
    return out


def pages(server: Any, rng: random.Random) -> list[dict[str, Any]]:
    """Second and third pages from the cursors the first pages return."""
    lists = [
        (
            "papers",
            "{ papers(first: 4%s) { edges { cursor node { slug } } pageInfo { endCursor hasNextPage hasPreviousPage } } }",
        ),
        (
            "papers-title",
            "{ papers(first: 4, orderBy: [{field: TITLE, direction: ASC}]%s) { pageInfo { endCursor hasNextPage } nodes { title } } }",
        ),
        (
            "papers-code",
            "{ papers(first: 4, where: {hasCode: true}%s) { pageInfo { endCursor hasNextPage } nodes { slug } } }",
        ),
        (
            "authors-count",
            "{ authors(first: 5, orderBy: [{field: PAPER_COUNT, direction: DESC}]%s) { pageInfo { endCursor hasNextPage } nodes { name } } }",
        ),
        ("tasks", "{ tasks(first: 3%s) { pageInfo { endCursor hasNextPage } nodes { name } } }"),
        (
            "search",
            '{ search(query: "study", first: 4%s) { pageInfo { endCursor hasNextPage } edges { score node { slug } } } }',
        ),
        (
            "author-papers",
            '{ author(name: "Ada Prolific") { papers(first: 7%s) { pageInfo { endCursor hasNextPage } nodes { slug } } } }',
        ),
        (
            "author-coauthors",
            '{ author(name: "Ada Prolific") { coauthors(first: 3%s) { pageInfo { endCursor hasNextPage } edges { sharedPapers node { name } } } } }',
        ),
        (
            "board-rows",
            '{ leaderboard(task: "Task 0", dataset: "Bench 0") { rows(first: 9%s) { pageInfo { endCursor hasNextPage } nodes { model rank } } } }',
        ),
        (
            "related",
            '{ paper(slug: "attention-is-all-you-need") { related(first: 1%s) { pageInfo { endCursor hasNextPage } edges { score node { slug } } } } }',
        ),
    ]
    out = []
    for name, template in lists:
        after = ""
        for page in range(3):
            query = template % after
            out.append(
                {
                    "id": f"page-{name}-{page}",
                    "method": "POST",
                    "query": query,
                    "variables": None,
                    "operationName": None,
                }
            )
            body = server.graphql(query).json()
            found = _find(body.get("data"), "endCursor")
            if not found:
                break
            after = f', after: "{found}"'
    return out


def _find(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        if key in value:
            return value[key]
        for inner in value.values():
            if (found := _find(inner, key)) is not None:
                return found
    return None


def main() -> None:
    settings = Neo4jSettings(uri=os.environ["PAPERS_GRAPH_TEST_NEO4J_URI"])
    from schema.lane.run import graphql_schema

    schema = graphql_schema(sdl())
    with open_sync_driver(settings) as driver, tempfile.TemporaryDirectory() as folder:
        load_golden_archive(driver, Path(folder))
        v = {
            "slugs": ["attention-is-all-you-need", *names(driver, "MATCH (p:Paper) WHERE EXISTS { (p)-[:RELATED_TO]->() } RETURN p.slug ORDER BY p.slug LIMIT 40")],
            "authors": names(driver, "MATCH (a:Author) RETURN a.name ORDER BY a.paperCount DESC, a.name LIMIT 40"),
            "tasks": names(driver, "MATCH (t:Task) RETURN t.name ORDER BY t.paperCount DESC, t.name LIMIT 40"),
            "datasets": names(driver, "MATCH (d:Dataset) RETURN d.name ORDER BY d.paperCount DESC, d.name LIMIT 20"),
            "methods": names(driver, "MATCH (m:Method) RETURN m.name ORDER BY m.paperCount DESC, m.name LIMIT 20"),
            "repositories": names(driver, "MATCH (r:Repository) RETURN r.url ORDER BY r.url LIMIT 20"),
            "results": names(driver, "MATCH (r:Result) RETURN r.key ORDER BY r.key LIMIT 5"),
            "boards": [tuple(r) for r in driver.execute_query("MATCH (r:Result) RETURN DISTINCT r.task, r.dataset ORDER BY r.task, r.dataset LIMIT 5").records],
        }  # fmt: skip
        rng = random.Random(20261201)
        corpus = hand_written(v) + walks(schema, v, rng, 200)
        with serve_in_thread(settings) as server:
            corpus += pages(server, rng)
        for entry in [
            e
            for e in corpus
            if e["id"].startswith("docs-") or e["id"] in ("aliases", "search-study")
        ]:
            corpus.append({**entry, "id": entry["id"] + "-get", "method": "GET"})
    (HERE / "corpus.json").write_text(json.dumps(corpus, indent=1) + "\n")
    print(f"{len(corpus)} requests")


if __name__ == "__main__":
    main()
