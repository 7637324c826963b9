"""What a Papers With Code site asks of the API (issue 12, items 5 and 6), over real HTTP on
the API tests' archive: conferences and proceedings, every field the archive gives, and
`nodes(ids:)`; each request one statement."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from schema.data.cursors import encode_id
from tests.support.api_archive import AISTATS_2020, UAI_2020
from tests.support.http import RunningServer
from tests.test_api_graph import collect_pages


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """Every test here reads the module's archive."""


def errors(server: RunningServer, query: str, variables: dict[str, Any] | None = None) -> list[Any]:
    body = server.graphql(query, variables).json()
    assert body.get("errors"), body
    return [(e["message"], e["extensions"]["code"], e["path"]) for e in body["errors"]]


ATTENTION = encode_id("Paper", "attention-is-all-you-need")


def test_conferences_page_by_name_with_keyset_cursors(api_server: RunningServer) -> None:
    query = """query ($first: Int, $after: String) { conferences(first: $first, after: $after) {
        edges { cursor node { name years paperCount } } pageInfo { hasNextPage endCursor } } }"""
    seen = collect_pages(api_server, query, ["conferences"], first=3)
    assert seen == [
        {"name": "AISTATS", "years": [2019, 2020], "paperCount": AISTATS_2020 + 1},
        {"name": "CVPR", "years": [2016], "paperCount": 1},
        {"name": "NAACL", "years": [2019], "paperCount": 1},
        {"name": "NeurIPS", "years": [2017], "paperCount": 1},
        {"name": "UAI", "years": [2020], "paperCount": UAI_2020},
    ]
    total = api_server.data("{ conferences(first: 0) { totalCount nodes { name } } }")
    assert total["conferences"] == {"totalCount": 5, "nodes": []}
    # the page limits of every other list
    assert errors(api_server, "{ conferences(first: 101) { nodes { name } } }") == [
        ("first: at most 100 items a page (asked for 101)", "BAD_USER_INPUT", ["conferences"])
    ]
    paper_cursor = api_server.data("{ papers(first: 1) { pageInfo { endCursor } } }")["papers"]
    bad = errors(api_server, 'query ($c: String) { conferences(after: $c) { nodes { name } } }',
                 {"c": paper_cursor["pageInfo"]["endCursor"]})  # fmt: skip
    assert bad[0][1] == "BAD_USER_INPUT" and "is not a cursor of this list" in bad[0][0]


def test_a_conferences_proceedings_and_a_proceedings_papers(api_server: RunningServer) -> None:
    query = """query ($first: Int, $after: String) { proceeding(name: "AISTATS 2020") {
        papers(first: $first, after: $after) { edges { node { slug published } } pageInfo { hasNextPage endCursor } } } }"""
    papers = collect_pages(api_server, query, ["proceeding", "papers"], first=4)
    assert len(papers) == AISTATS_2020 == len({p["slug"] for p in papers})
    assert [p["published"] for p in papers] == sorted(
        (p["published"] for p in papers), reverse=True
    )
    assert "prolific-study-04" in {p["slug"] for p in papers}  # its text was oddly spaced
    neurips = api_server.data("""{ conferences(first: 10) { nodes { name proceedings(first: 1) {
        totalCount nodes { id name year paperCount conference { name paperCount } } pageInfo { hasNextPage } } } } }""")  # fmt: skip
    found = {c["name"]: c["proceedings"] for c in neurips["conferences"]["nodes"]}["AISTATS"]
    assert found["totalCount"] == 2 and found["pageInfo"]["hasNextPage"]
    assert found["nodes"] == [{"id": encode_id("Proceeding", "AISTATS 2020"), "name": "AISTATS 2020",
                               "year": 2020, "paperCount": AISTATS_2020,
                               "conference": {"name": "AISTATS", "paperCount": AISTATS_2020 + 1}}]  # fmt: skip


def test_a_proceeding_by_name_unknown_names_answer_null(api_server: RunningServer) -> None:
    data = api_server.data("""{ a: proceeding(name: "CVPR 2016") { name }
        b: proceeding(name: "CVPR 2016 6") { name } c: proceeding(name: "  CVPR   2016 ") { name }
        d: proceeding(name: "CVPR 1999") { name } e: proceeding(name: "") { name }
        f: proceeding(name: "CVPR") { name } g: proceeding(name: "x'}) DETACH DELETE n //") { name } }""")  # fmt: skip
    assert data == {"a": {"name": "CVPR 2016"}, "b": {"name": "CVPR 2016"}, "c": {"name": "CVPR 2016"},
                    "d": None, "e": None, "f": None, "g": None}  # fmt: skip


def test_a_papers_venue_keeps_the_archives_strings(api_server: RunningServer) -> None:
    """`Paper.venue` is the object (new name); `proceeding` and `conference` stay strings."""
    fields = "proceeding conference conferenceUrlAbs conferenceUrlPdf openReviewId nipsId venue { name year conference { name } }"  # fmt: skip
    data = api_server.data(f"""{{ a: paper(slug: "attention-is-all-you-need") {{ {fields} }}
        s2: paper(slug: "prolific-study-02") {{ proceeding venue {{ name }} }}
        s4: paper(slug: "prolific-study-04") {{ proceeding venue {{ name }} }}
        s6: paper(slug: "prolific-study-06") {{ openReviewId nipsId venue {{ name }} }}
        s8: paper(slug: "prolific-study-08") {{ proceeding venue {{ name }} }}
        s9: paper(slug: "prolific-study-09") {{ proceeding venue {{ name }} }} }}""")
    assert data["a"] == {
        "proceeding": "NeurIPS 2017 12", "conference": "attention-is-all-you-need-1",
        "conferenceUrlAbs": "http://papers.nips.cc/paper/7181-attention-is-all-you-need",
        "conferenceUrlPdf": "http://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf",
        "openReviewId": None, "nipsId": None,
        "venue": {"name": "NeurIPS 2017", "year": 2017, "conference": {"name": "NeurIPS"}},
    }  # fmt: skip
    assert data["s2"] == {"proceeding": "UAI", "venue": None}  # no year: no proceeding
    assert data["s4"] == {"proceeding": "AISTATS   2020  8", "venue": {"name": "AISTATS 2020"}}
    assert data["s6"] == {"openReviewId": "Prolific06", "nipsId": "9106", "venue": {"name": "AISTATS 2020"}}  # fmt: skip
    assert data["s8"] == {"proceeding": "2020 8", "venue": None}  # no conference
    assert data["s9"] == {"proceeding": None, "venue": None}


def test_a_reproduction_links_the_paper_it_reproduces(api_server: RunningServer) -> None:
    data = api_server.data("""{ paper(slug: "prolific-study-14") { reproduces { slug title isStub } }
        other: paper(slug: "prolific-study-15") { reproduces { slug } } }""")  # fmt: skip
    assert data["paper"]["reproduces"] == {"slug": "prolific-study-13", "title": "Prolific Study 13", "isStub": False}  # fmt: skip
    assert data["other"]["reproduces"] is None


def test_every_dataset_field_the_archive_gives(api_server: RunningServer) -> None:
    data = api_server.data("""{ dataset(name: "ImageNet") { pwcUrl shortDescription warning variants
        licenseName licenseUrl image thumbnail parentDataset parent { name } dataLoaders { url repo frameworks } }
        bench: dataset(name: "Bench 0") { parentDataset warning dataLoaders { url } parent { name fullName
          dataLoaders { frameworks } } }
        squad: dataset(name: "SQuAD1.1") { variants parent { name } dataLoaders { url } } }""")  # fmt: skip
    assert data["dataset"] == {
        "pwcUrl": "https://paperswithcode.com/dataset/imagenet", "shortDescription": "Labelled images.",
        "warning": None, "variants": ["ImageNet", "ImageNet-1k"], "licenseName": "Custom (non-commercial)",
        "licenseUrl": "https://image-net.org/download", "image": "https://example.org/images/imagenet.jpg",
        "thumbnail": "https://example.org/images/imagenet-small.jpg", "parentDataset": None, "parent": None,
        "dataLoaders": [
            {"url": "https://github.com/pytorch/vision/blob/main/torchvision/datasets/imagenet.py",
             "repo": "https://github.com/pytorch/vision", "frameworks": ["pytorch"]},
            {"url": "https://www.tensorflow.org/datasets/catalog/imagenet2012",
             "repo": "https://github.com/tensorflow/datasets", "frameworks": ["tf", "jax"]},
        ],
    }  # fmt: skip
    assert data["bench"] == {"parentDataset": "ImageNet", "warning": "Synthetic: made for the tests.",
        "dataLoaders": [], "parent": {"name": "ImageNet", "fullName": "ImageNet",
                                      "dataLoaders": [{"frameworks": ["pytorch"]}, {"frameworks": ["tf", "jax"]}]}}  # fmt: skip
    assert data["squad"] == {
        "variants": [],
        "parent": None,
        "dataLoaders": [],
    }  # known from tables only


def test_method_task_result_and_repository_fields(api_server: RunningServer) -> None:
    data = api_server.data("""{ method(name: "Multi-Head Attention") { pwcUrl source { title url } codeSnippetUrl introducedIn { slug } }
        adam: method(name: "Adam") { source { url } codeSnippetUrl }
        task(name: "Question Answering") { sourceLink { title url } }
        plain: task(name: "Image Classification") { sourceLink { url } }
        leaderboard(task: "Image Classification", dataset: "ImageNet") { rows { nodes { model codeLinks
          code { title url } modelLinks { title url } } } }
        repository(url: "https://github.com/tensorflow/tensor2tensor") { paperCount papers { totalCount } } }""")  # fmt: skip
    assert data["method"] == {
        "pwcUrl": "https://paperswithcode.com/method/multi-head-attention",
        "source": {"title": "Attention Is All You Need", "url": "https://arxiv.org/abs/1706.03762v7"},
        "codeSnippetUrl": "https://github.com/jadore801120/attention-is-all-you-need-pytorch/blob/master/transformer/SubLayers.py",
        "introducedIn": {"slug": "attention-is-all-you-need"},  # methods.json's `paper`
    }  # fmt: skip
    assert data["adam"] == {"source": None, "codeSnippetUrl": None}
    assert data["task"]["sourceLink"] == {"title": "SQuAD: 100,000+ Questions", "url": "https://arxiv.org/abs/1606.05250"}  # fmt: skip
    assert data["plain"]["sourceLink"] is None
    rows = {r["model"]: r for r in data["leaderboard"]["rows"]["nodes"]}
    assert rows["ResNet-152"] == {
        "model": "ResNet-152", "codeLinks": ["https://github.com/KaimingHe/deep-residual-networks"],
        "code": [{"title": "KaimingHe/deep-residual-networks", "url": "https://github.com/KaimingHe/deep-residual-networks"}],
        "modelLinks": [{"title": None, "url": "https://example.org/models/resnet-152"}],
    }  # fmt: skip
    assert rows["Unreported"]["code"] == [] and rows["Unreported"]["modelLinks"] == []
    assert data["repository"] == {"paperCount": 1, "papers": {"totalCount": 1}}


def test_nodes_refetches_many_in_order_with_null_for_an_id_of_nothing(
    api_server: RunningServer,
) -> None:
    ids = [ATTENTION, encode_id("Paper", "no-such-paper"), encode_id("Conference", "NeurIPS"),
           encode_id("Proceeding", "CVPR 2016"), encode_id("Author", "Ashish Vaswani"), ATTENTION,
           encode_id("Conference", "ICLR")]  # fmt: skip
    found = api_server.data("""query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Paper { title authors(first: 1) { nodes { name } } } ... on Conference { name years }
        ... on Proceeding { name papers { totalCount } } ... on Author { paperCount } } }""", {"ids": ids})["nodes"]  # fmt: skip
    attention = {"__typename": "Paper", "id": ATTENTION, "title": "Attention Is All You Need",
                 "authors": {"nodes": [{"name": "Ashish Vaswani"}]}}  # fmt: skip
    assert found == [
        attention, None,
        {"__typename": "Conference", "id": ids[2], "name": "NeurIPS", "years": [2017]},
        {"__typename": "Proceeding", "id": ids[3], "name": "CVPR 2016", "papers": {"totalCount": 1}},
        {"__typename": "Author", "id": ids[4], "paperCount": 1},
        attention, None,
    ]  # fmt: skip
    # each id as node(id:) answers it
    one = api_server.data("query ($id: ID!) { node(id: $id) { id ... on Conference { name } } }", {"id": ids[2]})  # fmt: skip
    assert one["node"] == {"id": ids[2], "name": "NeurIPS"}
    assert api_server.data("{ nodes(ids: []) { id } }") == {"nodes": []}


def test_nodes_refuses_a_malformed_id_naming_it_and_too_many_ids(api_server: RunningServer) -> None:
    assert errors(api_server, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {"ids": [ATTENTION, "!!"]}) == [
        ("ids[1]: '!!' is not an id of this API", "BAD_USER_INPUT", ["nodes"])
    ]  # fmt: skip
    area = encode_id("Collection", "Attention Modules")  # well formed, but not an entity's
    assert errors(api_server, f'{{ nodes(ids: ["{area}"]) {{ id }} }}')[0][0] == (
        f"ids[0]: {area!r} is not an id of this API"
    )
    many = [encode_id("Paper", f"p{i}") for i in range(101)]
    assert errors(api_server, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": many}) == [
        ("ids: at most 100 ids a request (got 101)", "BAD_USER_INPUT", ["nodes"])
    ]  # fmt: skip
    assert len(api_server.data("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": many[:100]})["nodes"]) == 100  # fmt: skip


def test_nodes_are_counted_per_id_in_the_cost(api_server: RunningServer) -> None:
    """A list under `nodes` is counted once per id given, as under a page of that size."""
    query = "query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Author { papers(first: 100) { nodes { authors(first: 100) { nodes { name } } } } } } }"  # fmt: skip
    body = api_server.graphql(
        query, {"ids": [encode_id("Author", f"a{i}") for i in range(20)]}
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "nodes" in api_server.data(query, {"ids": [encode_id("Author", "a")]})


def test_venues_and_new_nodes_in_a_neighbourhood(api_server: RunningServer) -> None:
    around = api_server.data("""query ($id: ID!) { neighborhood(id: $id, hops: 1) { nodes { __typename
        ... on Proceeding { name } ... on Conference { name } } edges { type } } }""",
        {"id": encode_id("Proceeding", "NeurIPS 2017")})["neighborhood"]  # fmt: skip
    assert {n["__typename"] for n in around["nodes"]} == {"Proceeding", "Conference", "Paper"}
    assert {e["type"] for e in around["edges"]} == {"PUBLISHED_IN", "OF_CONFERENCE"}


SITE_QUERIES = [
    """{ conferences(first: 2) { totalCount edges { cursor node { id name years paperCount
        proceedings(first: 3) { totalCount nodes { id name year paperCount conference { id name years }
          papers(first: 3) { totalCount nodes { slug venue { name } reproduces { slug } } } } } } } } }""",
    """{ proceeding(name: "AISTATS 2020 8") { id name papers(first: 5) { edges { cursor node { title
        venue { conference { proceedings(first: 2) { nodes { name } } } } } } } } }""",
    """{ paper(slug: "attention-is-all-you-need") { conferenceUrlAbs conferenceUrlPdf openReviewId nipsId
        venue { name } reproduces { slug } results { nodes { code { title url } modelLinks { url } } } } }""",
    """{ dataset(name: "Bench 0") { variants licenseName licenseUrl image thumbnail warning parentDataset
        parent { name dataLoaders { url repo frameworks } parent { name } } dataLoaders { url } } }""",
    """{ method(name: "Multi-Head Attention") { source { title url } codeSnippetUrl introducedIn { venue { name } } }
        task(name: "Question Answering") { sourceLink { title url } }
        repository(url: "https://github.com/google-research/bert") { paperCount } }""",
    f"""{{ nodes(ids: ["{ATTENTION}", "{encode_id("Conference", "NeurIPS")}", "{encode_id("Proceeding", "UAI 2020")}",
        "{encode_id("Dataset", "ImageNet")}"]) {{ id ... on Paper {{ venue {{ name }} authors(first: 2) {{ nodes {{ name }} }} }}
        ... on Conference {{ proceedings {{ nodes {{ papers(first: 1) {{ nodes {{ slug }} }} }} }} }}
        ... on Proceeding {{ papers {{ totalCount }} }} ... on Dataset {{ dataLoaders {{ url }} }} }}
        conferences {{ nodes {{ name }} }} proceeding(name: "CVPR 2016") {{ name }} }}""",
]


@pytest.mark.parametrize("query", SITE_QUERIES)
def test_each_site_request_is_one_statement(
    api_server: RunningServer, statements: list[str], query: str
) -> None:
    api_server.data(query)
    assert len(statements) == 1, statements
