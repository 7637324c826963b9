"""The GraphQL API over real HTTP on a loaded archive: entities, lists, paging, filters, search."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from neo4j import Driver

from tests.support.api_archive import N_PROLIFIC, N_UNDATED, PROLIFIC
from tests.support.http import RunningServer


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """Every test here reads the module's archive."""


def test_paper_with_every_connection(api_server: RunningServer) -> None:
    paper = api_server.data("""{ paper(slug: "attention-is-all-you-need") {
        title arxivId published
        authors { totalCount nodes { name } }
        tasks { nodes { name } } methods { nodes { name } }
        repositories { edges { official mentionedInPaper node { url owner name framework } } }
        related(first: 3) { edges { score sharedMethods node { slug } } }
    } }""")["paper"]  # fmt: skip
    assert paper["authors"] == {
        "totalCount": 3,
        "nodes": [{"name": "Ashish Vaswani"}, {"name": "Noam Shazeer"}, {"name": "Niki Parmar"}],
    }
    assert [t["name"] for t in paper["tasks"]["nodes"]] == ["Machine Translation"]
    assert [m["name"] for m in paper["methods"]["nodes"]] == ["Adam", "Multi-Head Attention"]
    repos = paper["repositories"]["edges"]
    assert [(r["official"], r["node"]["url"]) for r in repos] == [
        (True, "https://github.com/tensorflow/tensor2tensor"),
        (False, "https://github.com/jadore801120/attention-is-all-you-need-pytorch"),
    ]
    assert repos[0]["node"]["owner"] == "tensorflow" and repos[0]["node"]["framework"] == "tf"
    related = paper["related"]["edges"]
    assert related[0]["node"]["slug"] == "bert-pre-training-of-deep-bidirectional"
    assert related[0]["sharedMethods"] == ["Multi-Head Attention"]


def test_official_only_and_nested_filters(api_server: RunningServer) -> None:
    paper = api_server.data(
        '{ paper(slug: "attention-is-all-you-need") { repositories(officialOnly: true) { totalCount nodes { url } } } }'
    )
    assert paper["paper"]["repositories"] == {
        "totalCount": 1,
        "nodes": [{"url": "https://github.com/tensorflow/tensor2tensor"}],
    }


def collect_pages(
    server: RunningServer, query: str, path: list[str], first: int
) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    after = None
    for _ in range(50):
        data = server.data(query, {"first": first, "after": after})
        for part in path:
            data = data[part]
        seen += [e["node"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            return seen
        after = data["pageInfo"]["endCursor"]
    raise AssertionError("paging did not end")


def test_keyset_paging_visits_every_item_once_in_order(api_server: RunningServer) -> None:
    query = (
        """query ($first: Int, $after: String) { author(name: "%s") {
        papers(first: $first, after: $after) { edges { node { slug published } } pageInfo { hasNextPage endCursor } } } }"""
        % PROLIFIC
    )
    papers = collect_pages(api_server, query, ["author", "papers"], first=7)
    assert len(papers) == N_PROLIFIC == len({p["slug"] for p in papers})
    keys = [(p["published"], p["slug"]) for p in papers]
    assert keys == sorted(keys, key=lambda k: (k[0], [-ord(c) for c in k[1]]), reverse=True)
    total = api_server.data('{ author(name: "%s") { papers { totalCount } } }' % PROLIFIC)
    assert total["author"]["papers"]["totalCount"] == N_PROLIFIC


@pytest.mark.parametrize("direction", ["DESC", "ASC"])
def test_root_papers_page_by_date_with_undated_papers_last(
    api_server: RunningServer, api_graph: Driver, direction: str
) -> None:
    """Read from the date index in order, then the papers without a date: every paper once, in
    the order the API promises (by date, then slug; undated last either way), across pages."""
    query = (
        """query ($first: Int, $after: String) { papers(first: $first, after: $after,
        orderBy: [{field: PUBLISHED, direction: %s}]) {
        edges { node { slug published } } pageInfo { hasNextPage endCursor } } }"""
        % direction
    )
    seen = collect_pages(api_server, query, ["papers"], first=7)
    rows = api_graph.execute_query(
        "MATCH (n:Paper) WHERE n.stub IS NULL RETURN n.slug AS slug, toString(n.published) AS published"
    ).records
    dated = sorted((r["published"], r["slug"]) for r in rows if r["published"] is not None)
    if direction == "DESC":  # newest first, ties by slug
        dated = sorted(dated, key=lambda k: (k[0], [-ord(c) for c in k[1]]), reverse=True)
    undated = sorted((None, r["slug"]) for r in rows if r["published"] is None)
    assert len(undated) == N_UNDATED
    assert [(p["published"], p["slug"]) for p in seen] == dated + undated


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_root_papers_page_by_title_both_ways(
    api_server: RunningServer, api_graph: Driver, direction: str
) -> None:
    query = (
        """query ($first: Int, $after: String) { papers(first: $first, after: $after,
        orderBy: [{field: TITLE, direction: %s}]) {
        edges { node { title slug } } pageInfo { hasNextPage endCursor } } }"""
        % direction
    )
    seen = [(p["title"], p["slug"]) for p in collect_pages(api_server, query, ["papers"], first=8)]
    rows = api_graph.execute_query(
        "MATCH (n:Paper) WHERE n.stub IS NULL RETURN n.title AS title, n.slug AS slug"
    ).records
    expected = sorted((r["title"], r["slug"]) for r in rows)  # ties (none here) by slug
    assert seen == (expected[::-1] if direction == "DESC" else expected)


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_root_authors_page_by_name_both_ways(
    api_server: RunningServer, api_graph: Driver, direction: str
) -> None:
    query = (
        """query ($first: Int, $after: String) { authors(first: $first, after: $after,
        orderBy: [{field: NAME, direction: %s}]) {
        edges { node { name } } pageInfo { hasNextPage endCursor } } }"""
        % direction
    )
    seen = [a["name"] for a in collect_pages(api_server, query, ["authors"], first=9)]
    names = [
        r["name"] for r in api_graph.execute_query("MATCH (a:Author) RETURN a.name AS name").records
    ]
    assert seen == sorted(names, reverse=direction == "DESC")


def test_page_size_default_maximum_and_bad_cursors(api_server: RunningServer) -> None:
    default = api_server.data(
        '{ author(name: "%s") { papers { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } } }'
        % PROLIFIC
    )
    assert len(default["author"]["papers"]["edges"]) == 20
    assert default["author"]["papers"]["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
    }
    body = api_server.graphql(
        '{ author(name: "%s") { papers(first: 500) { totalCount } } }' % PROLIFIC
    ).json()
    assert body["errors"][0]["message"] == "first: at most 100 items a page (asked for 500)"
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    cursor = default["author"]["papers"]["edges"][0]["cursor"]
    wrong = api_server.graphql(
        '{ paper(slug: "attention-is-all-you-need") { authors(after: "%s") { totalCount } } }'
        % cursor
    ).json()
    assert "is not a cursor of this list" in wrong["errors"][0]["message"]
    junk = api_server.graphql(
        '{ author(name: "%s") { papers(after: "%%%%%%") { totalCount } } }' % PROLIFIC
    ).json()
    assert "is not a cursor of this list" in junk["errors"][0]["message"]


def test_coauthors_carry_shared_papers(api_server: RunningServer) -> None:
    author = api_server.data(
        '{ author(name: "%s") { paperCount coauthors(first: 3) { totalCount edges { sharedPapers node { name } } } } }'
        % PROLIFIC
    )["author"]
    assert author["paperCount"] == N_PROLIFIC
    edges = author["coauthors"]["edges"]
    assert [(e["node"]["name"], e["sharedPapers"]) for e in edges] == [
        ("Coauthor 0", 9),
        ("Coauthor 1", 9),
        ("Coauthor 2", 9),
    ]
    assert author["coauthors"]["totalCount"] == 7 + N_PROLIFIC


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ('{author: "%s", task: "Task 1"}' % PROLIFIC, 12),
        ('{author: "%s", OR: [{task: "Task 1"}, {task: "Task 2"}]}' % PROLIFIC, 24),
        ('{author: "%s", NOT: {task: "Task 1"}}' % PROLIFIC, 48),
        ('{author: "%s", hasCode: true}' % PROLIFIC, 30),
        ('{author: "%s", hasCode: false}' % PROLIFIC, 30),
        ('{titleContains: "attention is ALL"}', 1),
        ('{titleContains: "prolific study"}', N_PROLIFIC),
        ('{publishedFrom: "2015-01-01", publishedTo: "2018-12-31"}', 3),
        ('{officialCodeOnly: true, method: "Multi-Head Attention"}', 2),
        ('{arxivId: "https://arxiv.org/abs/1810.04805v2"}', 1),
        ('{dataset: "ImageNet"}', 1),
        ('{AND: [{task: "Task 0"}, {hasCode: true}]}', 6),
    ],
)
def test_paper_filters(api_server: RunningServer, where: str, expected: int) -> None:
    data = api_server.data("{ papers(where: %s) { totalCount } }" % where)
    assert data["papers"]["totalCount"] == expected


def test_paper_order_by_title(api_server: RunningServer) -> None:
    data = api_server.data(
        '{ papers(where: {publishedTo: "2019-01-01"}, orderBy: [{field: TITLE, direction: ASC}]) { nodes { title } } }'
    )
    assert [p["title"] for p in data["papers"]["nodes"]] == [
        "Attention Is All You Need", "BERT: Pre-training of Deep Bidirectional Transformers",
        "Deep Residual Learning for Image Recognition",
    ]  # fmt: skip


def test_named_lists_filter_and_sort_by_paper_count(api_server: RunningServer) -> None:
    tasks = api_server.data(
        '{ tasks(where: {nameContains: "task"}, orderBy: [{field: PAPER_COUNT, direction: DESC}], first: 2) { nodes { name paperCount } } }'
    )
    assert tasks["tasks"]["nodes"] == [
        {"name": "Task 0", "paperCount": 12},
        {"name": "Task 1", "paperCount": 12},
    ]
    authors = api_server.data(
        '{ authors(where: {OR: [{name: "Kaiming He"}, {name: "Jian Sun"}]}) { nodes { name } } }'
    )
    assert [a["name"] for a in authors["authors"]["nodes"]] == ["Jian Sun", "Kaiming He"]


def test_search_ranks_escapes_and_finds_arxiv_urls(api_server: RunningServer) -> None:
    found = api_server.data(
        '{ search(query: "attention") { totalCount edges { score node { slug } } } }'
    )["search"]
    assert found["edges"][0]["node"]["slug"] == "attention-is-all-you-need"
    assert found["edges"][0]["score"] > 0
    by_url = api_server.data(
        '{ search(query: "https://arxiv.org/abs/1512.03385v3") { edges { node { slug } } } }'
    )
    assert [e["node"]["slug"] for e in by_url["search"]["edges"]] == [
        "deep-residual-learning-for-image"
    ]
    for query in [
        'title:(attention AND "you',
        "a+b-c!d(e){f}[g]^h~i*j?k:l\\\\m/n",
        "AND OR NOT",
        "\\\\",
    ]:
        response = api_server.graphql(
            "query ($q: String!) { search(query: $q) { totalCount } }", {"q": query}
        )
        assert response.status_code == 200 and "errors" not in response.json(), (
            query,
            response.text,
        )


def test_search_pages_with_cursors(api_server: RunningServer) -> None:
    query = 'query ($first: Int, $after: String) { search(query: "prolific study", first: $first, after: $after) { edges { node { slug } } pageInfo { hasNextPage endCursor } } }'
    found = collect_pages(api_server, query, ["search"], first=25)
    total = api_server.data('{ search(query: "prolific study") { totalCount } }')["search"][
        "totalCount"
    ]
    assert (
        len(found) == len({p["slug"] for p in found}) == total > N_PROLIFIC
    )  # "study" is in other abstracts too
    assert {f"prolific-study-{i:02d}" for i in range(N_PROLIFIC)} <= {p["slug"] for p in found}


def test_leaderboards_rank_by_metric_direction(api_server: RunningServer) -> None:
    board = api_server.data("""{ leaderboard(task: "Image Classification", dataset: "ImageNet") {
        metrics metric higherIsBetter rows { nodes { model value numericValue errorBound rank paper { slug } } } } }""")["leaderboard"]  # fmt: skip
    assert board["metrics"] == ["Top 1 Accuracy", "Number of params"]
    assert board["metric"] == "Top 1 Accuracy" and board["higherIsBetter"] is True
    assert [(r["model"], r["rank"]) for r in board["rows"]["nodes"]] == [
        ("Mystery Net", 1),
        ("ResNet-152", 2),
        ("Unreported", None),
    ]
    assert (
        board["rows"]["nodes"][0]["errorBound"] == 0.1
        and board["rows"]["nodes"][0]["paper"] is None
    )
    assert board["rows"]["nodes"][1]["paper"] == {"slug": "deep-residual-learning-for-image"}
    assert board["rows"]["nodes"][2]["value"] == "Please tell us"
    params = api_server.data(
        '{ leaderboard(task: "Image Classification", dataset: "ImageNet", metric: "Number of params") { higherIsBetter rows { nodes { model numericValue } } } }'
    )["leaderboard"]
    assert params["higherIsBetter"] is False
    assert [r["model"] for r in params["rows"]["nodes"]][:2] == ["Mystery Net", "ResNet-152"]
    wrong = api_server.graphql(
        '{ leaderboard(task: "Image Classification", dataset: "ImageNet", metric: "BLEU") { metric } }'
    ).json()
    assert "its metrics are 'Top 1 Accuracy', 'Number of params'" in wrong["errors"][0]["message"]
    assert (
        api_server.data(
            '{ leaderboard(task: "Image Classification", dataset: "Nope") { metric } }'
        )["leaderboard"]
        is None
    )


def test_leaderboards_from_tasks_datasets_and_papers(api_server: RunningServer) -> None:
    task = api_server.data(
        '{ task(name: "Question Answering") { areas { name } subtasks { nodes { name parent { name } } } leaderboards { nodes { dataset { name } rows { nodes { model paper { slug } } } } } } }'
    )["task"]
    assert task["areas"] == [{"name": "Natural Language Processing"}]
    assert task["subtasks"]["nodes"] == [
        {"name": "Open-Domain Question Answering", "parent": {"name": "Question Answering"}}
    ]
    board = task["leaderboards"]["nodes"][0]
    assert board["dataset"]["name"] == "SQuAD1.1"
    assert board["rows"]["nodes"] == [
        {"model": "BERT (single)", "paper": {"slug": "bert-pre-training-of-deep-bidirectional"}}
    ]  # joined by title
    dataset = api_server.data(
        '{ dataset(name: "ImageNet") { homepage tasks { nodes { name } } leaderboards { nodes { task { name } } } papers { nodes { slug } } } }'
    )["dataset"]
    assert dataset["homepage"] == "https://image-net.org"
    assert dataset["leaderboards"]["nodes"] == [{"task": {"name": "Image Classification"}}]
    assert dataset["papers"]["nodes"] == [{"slug": "deep-residual-learning-for-image"}]
    results = api_server.data(
        '{ paper(slug: "deep-residual-learning-for-image") { datasets { nodes { name } } results(task: "Image Classification") { nodes { metric rank } } } }'
    )["paper"]
    assert results["datasets"]["nodes"] == [{"name": "ImageNet"}]
    assert sorted((r["metric"], r["rank"]) for r in results["results"]["nodes"]) == [
        ("Number of params", 2),
        ("Top 1 Accuracy", 2),
    ]


def test_methods_repositories_and_introductions(api_server: RunningServer) -> None:
    method = api_server.data(
        '{ method(name: "Multi-Head Attention") { fullName introducedYear collections { name area } introducedIn { slug } papers { totalCount } } }'
    )["method"]
    assert method == {"fullName": "Multi-Head Attention", "introducedYear": 2017,
                      "collections": [{"name": "Attention Modules", "area": "General"}],
                      "introducedIn": {"slug": "attention-is-all-you-need"}, "papers": {"totalCount": 2}}  # fmt: skip
    repo = api_server.data(
        '{ repository(url: "https://github.com/google-research/bert") { name papers { edges { official node { slug } } } } }'
    )["repository"]
    assert repo == {
        "name": "bert",
        "papers": {
            "edges": [
                {"official": True, "node": {"slug": "bert-pre-training-of-deep-bidirectional"}}
            ]
        },
    }


def test_global_ids_round_trip_through_node(api_server: RunningServer) -> None:
    ids = api_server.data("""{ paper(slug: "attention-is-all-you-need") { id authors(first: 1) { nodes { id } }
        tasks { nodes { id } } methods(first: 1) { nodes { id } } repositories(first: 1) { nodes { id } } }
        leaderboard(task: "Image Classification", dataset: "ImageNet") { dataset { id } rows(first: 1) { nodes { id } } } }""")  # fmt: skip
    p = ids["paper"]
    every = [p["id"], p["authors"]["nodes"][0]["id"], p["tasks"]["nodes"][0]["id"], p["methods"]["nodes"][0]["id"],
             p["repositories"]["nodes"][0]["id"], ids["leaderboard"]["dataset"]["id"], ids["leaderboard"]["rows"]["nodes"][0]["id"]]  # fmt: skip
    types = []
    for node_id in every:
        node = api_server.data(
            "query ($id: ID!) { node(id: $id) { __typename id } }", {"id": node_id}
        )["node"]
        assert node["id"] == node_id
        types.append(node["__typename"])
    assert types == ["Paper", "Author", "Task", "Method", "Repository", "Dataset", "Result"]
    assert (
        api_server.data('query { paper(id: "%s") { slug } }' % p["id"])["paper"]["slug"]
        == "attention-is-all-you-need"
    )
    wrong = api_server.graphql('query { author(id: "%s") { name } }' % p["id"]).json()
    assert "is the id of a Paper, not of an Author" in wrong["errors"][0]["message"]


def test_neighborhood_and_path(api_server: RunningServer) -> None:
    ids = api_server.data(
        '{ a: paper(slug: "attention-is-all-you-need") { id } b: author(name: "Jacob Devlin") { id } }'
    )
    around = api_server.data(
        "query ($id: ID!) { neighborhood(id: $id, hops: 1) { nodes { __typename id } edges { source target type } } }",
        {"id": ids["a"]["id"]},
    )["neighborhood"]
    assert around["nodes"][0]["id"] == ids["a"]["id"]
    kinds = {n["__typename"] for n in around["nodes"]}
    assert {"Paper", "Author", "Task", "Method", "Repository"} <= kinds
    assert {"AUTHORED_BY", "ADDRESSES", "USES_METHOD", "HAS_CODE"} <= {
        e["type"] for e in around["edges"]
    }
    node_ids = {n["id"] for n in around["nodes"]}
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in around["edges"])
    path = api_server.data(
        "query ($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 6) { nodes { __typename } edges { type } } }",
        {"a": ids["a"]["id"], "b": ids["b"]["id"]},
    )["path"]
    assert (
        path is not None
        and path["nodes"][0]["__typename"] == "Paper"
        and path["nodes"][-1]["__typename"] == "Author"
    )
    assert len(path["edges"]) == len(path["nodes"]) - 1
    none = api_server.data(
        "query ($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 1) { nodes { id } } }",
        {"a": ids["a"]["id"], "b": ids["b"]["id"]},
    )
    assert none["path"] is None


def test_get_requests_and_cors(api_server: RunningServer, neo4j_settings: Any) -> None:
    response = httpx.get(
        f"{api_server.base_url}/graphql",
        params={"query": '{ paper(slug: "attention-is-all-you-need") { title } }'},
    )
    assert (
        response.status_code == 200
        and response.json()["data"]["paper"]["title"] == "Attention Is All You Need"
    )
    from tests.support.http import serve_in_thread

    with serve_in_thread(neo4j_settings, cors_origins=("https://app.example.org",)) as server:
        allowed = httpx.options(f"{server.base_url}/graphql", headers={
            "origin": "https://app.example.org", "access-control-request-method": "POST"})  # fmt: skip
        assert allowed.headers.get("access-control-allow-origin") == "https://app.example.org"
        refused = httpx.options(f"{server.base_url}/graphql", headers={
            "origin": "https://evil.example.com", "access-control-request-method": "POST"})  # fmt: skip
        assert "access-control-allow-origin" not in refused.headers


def test_a_stored_field_declared_once_is_served(api_server: RunningServer) -> None:
    """`Dataset.shortDescription` is one entry of schema/model.py: the SDL, the translation and
    the projection all come from it."""
    data = api_server.data('{ dataset(name: "ImageNet") { name shortDescription } }')
    assert data["dataset"] == {"name": "ImageNet", "shortDescription": "Labelled images."}


def test_a_subgraphs_nodes_have_their_own_lists(api_server: RunningServer) -> None:
    """A neighbourhood's and a path's nodes answer their lists as the same nodes found alone."""
    paper = api_server.data(
        '{ paper(slug: "attention-is-all-you-need") { id authors { nodes { name } } } }'
    )["paper"]
    around = api_server.data(
        "query($id: ID!) { neighborhood(id: $id, limit: 50) { nodes { id "
        "... on Paper { authors { nodes { name } } } ... on Author { papers(first: 2) { totalCount } } } } }",
        {"id": paper["id"]},
    )["neighborhood"]["nodes"]
    assert around[0] == {"id": paper["id"], "authors": paper["authors"]}
    assert [n["papers"]["totalCount"] for n in around if "papers" in n][:1] == [1]
    path = api_server.data(
        "query($id: ID!) { path(from: $id, to: $id) { nodes { ... on Paper { authors { nodes { name } } } } } }",
        {"id": paper["id"]},
    )["path"]["nodes"]
    assert path == [{"authors": paper["authors"]}]


def test_one_query_text_answers_each_paper_it_is_asked_for(
    api_server: RunningServer, api_graph: Driver
) -> None:
    """The paper page's text, sent with one paper after another: each answer is that paper's
    (the translation kept for the text is reused with the new key), the same as the answer
    of a text of its own with the key written in."""
    papers = api_graph.execute_query(
        "MATCH (p:Paper) WHERE p.arxivId IS NOT NULL RETURN p.arxivId AS id, p.slug AS slug "
        "ORDER BY p.slug LIMIT 6"
    ).records
    assert len(papers) >= 3
    selection = "slug arxivId authors(first: 5) { nodes { name } } tasks { nodes { name } }"
    shared_text = f"query ($id: String!) {{ paper(arxivId: $id) {{ {selection} }} }}"
    for paper in [*papers, papers[0]]:
        answer = api_server.data(shared_text, {"id": f"arXiv:{paper['id']}"})["paper"]
        own = api_server.data(f'{{ paper(arxivId: "{paper["id"]}") {{ {selection} }} }}')
        assert answer["slug"] == paper["slug"] and answer == own["paper"]
    nothing = api_server.graphql(shared_text, {"id": "9999.99999"})
    assert nothing.json() == {"data": {"paper": None}}
    refused = api_server.graphql(shared_text, {"id": "not an arXiv id"}).json()
    assert refused["data"] == {"paper": None}
    assert "not an arXiv identifier" in refused["errors"][0]["message"]


def test_one_list_text_walks_every_page_and_names_each_board_it_is_asked_for(
    api_server: RunningServer, api_graph: Driver
) -> None:
    """Texts whose cursor, filter or board names come from variables: the kept translation
    answers each value as a text with the value written in would."""
    walk = "query ($after: String) { papers(first: 3, after: $after) { nodes { slug } pageInfo { endCursor hasNextPage } } }"
    after, seen = None, []
    while True:
        page = api_server.data(walk, {"after": after})["papers"]
        written = f"papers(first: 3{f', after: {json.dumps(after)}' if after else ''})"
        own = api_server.data(
            f"{{ {written} {{ nodes {{ slug }} pageInfo {{ endCursor hasNextPage }} }} }}"
        )
        assert page == own["papers"]
        seen += [n["slug"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    total = api_graph.execute_query(
        "MATCH (p:Paper) WHERE p.stub IS NULL RETURN count(p) AS n"
    ).records[0]["n"]
    assert len(seen) == len(set(seen)) == total
    boards = api_graph.execute_query(
        "MATCH (r:Result) RETURN DISTINCT r.task AS task, r.dataset AS dataset ORDER BY task, dataset LIMIT 3"
    ).records
    assert len(boards) >= 2
    text = "query ($t: String!, $d: String!, $m: String) { leaderboard(task: $t, dataset: $d, metric: $m) { metric rows(first: 2) { nodes { model } } } }"
    for board in boards:
        asked = {"t": board["task"], "d": board["dataset"]}
        assert api_server.data(text, asked) == api_server.data(
            f"{{ leaderboard(task: {json.dumps(board['task'])}, dataset: {json.dumps(board['dataset'])}) "
            "{ metric rows(first: 2) { nodes { model } } } }"
        )
        wrong = api_server.graphql(text, {**asked, "m": "No Such Metric"}).json()
        assert wrong["data"] == {"leaderboard": None}
        message = wrong["errors"][0]["message"]
        assert board["task"] in message and board["dataset"] in message, message
