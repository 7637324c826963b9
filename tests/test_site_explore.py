"""What a Papers With Code site asks of the API (issue 12, items 1, 2 and 4), over real HTTP on
the site archive (tests/support/site_archive.py: the API tests' archive, two real leaderboard
files and a few more records): the state of the art over time, areas and breadcrumbs, the
typeahead; unknown names answer null or [], bad input a clear error; each request one
statement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from neo4j import Driver

from schema.data.cursors import encode_id
from schema.errors import shown
from tests.conftest import load_emptied
from tests.support.http import RunningServer
from tests.support.site_archive import STUB_TITLE, write_site_archive
from tests.test_api_graph import collect_pages

DOCS = Path(__file__).parent.parent / "docs" / "queries"


@pytest.fixture(scope="module")
def site_graph(session_driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    load_emptied(session_driver, write_site_archive(tmp_path_factory.mktemp("site-archive")))
    return session_driver


@pytest.fixture(autouse=True)
def _graph(site_graph: Driver) -> None:
    """Every test here reads the module's archive."""


def errors(server: RunningServer, query: str, variables: dict[str, Any] | None = None) -> list[Any]:
    body = server.graphql(query, variables).json()
    assert body.get("errors"), body
    return [(e["message"], e["extensions"]["code"], e.get("path")) for e in body["errors"]]


def board_id(task: str, dataset: str, metric: str) -> str:
    return encode_id("Leaderboard", orjson.dumps([task, dataset, metric]).decode())


# 1. State of the art over time ---------------------------------------------------------------

PROGRESSION = """query ($task: String!, $dataset: String!, $metric: String) {
  leaderboard(task: $task, dataset: $dataset, metric: $metric) {
    metric higherIsBetter progression { model date value } } }"""


def test_the_progression_of_a_real_table_as_computed_by_hand(api_server: RunningServer) -> None:
    """ReCoRD (tests/fixtures/evaluation-tables/record.json), EM, higher is better. Its 12 rows
    by date: 2018-11-16 BERT-Base 54.040 (the first: a new best), 2018-11-29 DCReader+BERT
    69.490 (new), 2019-01-11 KT-NET 71.600 (new), 2019-05-16 SKG-BERT 72.240 (new), 2019-07-09
    CSRLM 81.780 (new), 2019-07-20 XLNet + MTL + Verifier ensemble 83.090 (new: the better of
    that date is taken first) and single model 81.460 (not), 2019-07-24 {SKG-NET} 79.480
    (not), 2020-03-26 LUKE 90.640 (new), 2020-10-07 and -08 the three GraphBerts, 59-61 (not)."""
    board = api_server.data(PROGRESSION, {"task": "Common Sense Reasoning", "dataset": "ReCoRD"})
    assert board["leaderboard"] == {"metric": "EM", "higherIsBetter": True, "progression": [
        {"model": "BERT-Base (single model)", "date": "2018-11-16", "value": "54.040"},
        {"model": "DCReader+BERT (single model)", "date": "2018-11-29", "value": "69.490"},
        {"model": "KT-NET (single model)", "date": "2019-01-11", "value": "71.600"},
        {"model": "SKG-BERT (single model)", "date": "2019-05-16", "value": "72.240"},
        {"model": "CSRLM (single model)", "date": "2019-07-09", "value": "81.780"},
        {"model": "XLNet + MTL + Verifier (ensemble)", "date": "2019-07-20", "value": "83.090"},
        {"model": "LUKE (single model)", "date": "2020-03-26", "value": "90.640"},
    ]}  # fmt: skip


def test_a_lower_is_better_metric_and_ties_of_a_date(api_server: RunningServer) -> None:
    """ogbl-biokg (ogb.json), Number of params, lower is better: 2020-06-10 ComplEx 187648000,
    DistMult 187648000, RotatE 187597000, TransE 187648000 (RotatE, the smallest of the date,
    is the first best), 2020-11-09 PairRE 187750000 (more: not), 2021-04-02 AutoSF 93824000
    (new). Test MRR, higher is better: ComplEx 0.8095 (the best of 2020-06-10), PairRE 0.8164,
    AutoSF 0.8309: each a new best."""
    variables = {"task": "Link Property Prediction", "dataset": "ogbl-biokg"}
    params = api_server.data(PROGRESSION, variables | {"metric": "Number of params"})["leaderboard"]
    assert params == {"metric": "Number of params", "higherIsBetter": False, "progression": [
        {"model": "RotatE", "date": "2020-06-10", "value": "187597000"},
        {"model": "AutoSF", "date": "2021-04-02", "value": "93824000"},
    ]}  # fmt: skip
    mrr = api_server.data(PROGRESSION, variables)["leaderboard"]
    assert mrr["metric"] == "Test MRR" and [(r["model"], r["value"]) for r in mrr["progression"]] == [
        ("ComplEx", "0.8095 ± 0.0007"), ("PairRE", "0.8164 ± 0.0005"), ("AutoSF", "0.8309 ± 0.0008")]  # fmt: skip


def test_a_results_date_is_its_rows_else_its_papers(api_server: RunningServer) -> None:
    """ImageNet's rows give no date: ResNet-152's is its paper's; Mystery Net has no paper (no
    date: not in the progression, though it is the best); Unreported has no number."""
    board = api_server.data("""{ leaderboard(task: "Image Classification", dataset: "ImageNet") {
        resultCount best { model date } progression { model date paperDate }
        rows { nodes { model date paperDate numericValue } } } }""")["leaderboard"]  # fmt: skip
    assert board["resultCount"] == 3
    assert board["best"] == {"model": "Mystery Net", "date": None}
    assert board["progression"] == [
        {"model": "ResNet-152", "date": "2015-12-10", "paperDate": None}
    ]
    assert {r["model"]: r["date"] for r in board["rows"]["nodes"]} == {
        "Mystery Net": None, "ResNet-152": "2015-12-10", "Unreported": None}  # fmt: skip
    recorded = api_server.data("""{ leaderboard(task: "Common Sense Reasoning", dataset: "ReCoRD") {
        rows(first: 1) { nodes { model date paperDate } } } }""")["leaderboard"]["rows"]["nodes"]  # fmt: skip
    assert recorded == [
        {"model": "LUKE (single model)", "date": "2020-03-26", "paperDate": "2020-03-26"}
    ]


def test_best_and_result_count_of_each_board_of_a_task(api_server: RunningServer) -> None:
    nodes = api_server.data("""{ task(name: "Image Classification") { leaderboards {
        nodes { id metric resultCount best { model } } } } }""")["task"]["leaderboards"]["nodes"]  # fmt: skip
    assert nodes == [{"id": board_id("Image Classification", "ImageNet", "Top 1 Accuracy"),
                      "metric": "Top 1 Accuracy", "resultCount": 3, "best": {"model": "Mystery Net"}}]  # fmt: skip
    # ranked by another of its metrics
    none = api_server.data("""{ leaderboard(task: "Common Sense Reasoning", dataset: "ReCoRD", metric: "F1") {
        resultCount best { model } } }""")["leaderboard"]  # fmt: skip
    assert none == {"resultCount": 12, "best": {"model": "LUKE (single model)"}}


def test_root_leaderboards_page_by_task_then_dataset(api_server: RunningServer) -> None:
    query = """query ($first: Int, $after: String) { leaderboards(first: $first, after: $after) {
        edges { node { task { name } dataset { name } metric } } pageInfo { hasNextPage endCursor } } }"""
    seen = collect_pages(api_server, query, ["leaderboards"], first=4)
    keys = [(b["task"]["name"], b["dataset"]["name"]) for b in seen]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert ("Common Sense Reasoning", "ReCoRD") in keys and ("Task 0", "Bench 0") in keys
    ogb = {k for k in keys if k[1].startswith("ogb")}
    assert len(ogb) == 15  # the OGB file's boards: 5 node, 6 link, 4 graph property ones
    total = api_server.data("{ leaderboards(first: 0) { totalCount } }")["leaderboards"][
        "totalCount"
    ]
    assert total == len(keys) == 15 + 4  # and ReCoRD, ImageNet, SQuAD1.1, Bench 0
    data = api_server.data("""{ t: leaderboards(task: "Link Property Prediction", first: 2) { totalCount
          nodes { dataset { name } } pageInfo { hasNextPage } }
        d: leaderboards(dataset: "ImageNet") { totalCount nodes { task { name } metric } }
        both: leaderboards(task: "Question Answering", dataset: "SQuAD1.1") { totalCount nodes { metric } }
        none: leaderboards(task: "Question Answering", dataset: "ImageNet") { totalCount nodes { metric } }
        unknown: leaderboards(task: "No Such Task") { totalCount nodes { metric } } }""")  # fmt: skip
    assert data["t"] == {"totalCount": 6, "nodes": [{"dataset": {"name": "ogbl-biokg"}},
                         {"dataset": {"name": "ogbl-citation2"}}], "pageInfo": {"hasNextPage": True}}  # fmt: skip
    assert data["d"] == {"totalCount": 1, "nodes": [{"task": {"name": "Image Classification"}, "metric": "Top 1 Accuracy"}]}  # fmt: skip
    assert data["both"] == {"totalCount": 1, "nodes": [{"metric": "F1"}]}
    assert data["none"] == data["unknown"] == {"totalCount": 0, "nodes": []}


def test_a_leaderboard_is_a_node_refetched_by_its_id(api_server: RunningServer) -> None:
    record = board_id("Common Sense Reasoning", "ReCoRD", "EM")
    f1 = board_id("Common Sense Reasoning", "ReCoRD", "F1")
    missing = board_id("Common Sense Reasoning", "ReCoRD", "No Such Metric")
    data = api_server.data("""query ($id: ID!, $ids: [ID!]!) {
        node(id: $id) { __typename id ... on Leaderboard { metric progression { model } } }
        nodes(ids: $ids) { id ... on Leaderboard { metric best { model } } ... on Paper { slug } } }""",
        {"id": record, "ids": [f1, missing, encode_id("Paper", "attention-is-all-you-need"), record]})  # fmt: skip
    assert data["node"]["__typename"] == "Leaderboard" and data["node"]["id"] == record
    assert data["node"]["metric"] == "EM" and len(data["node"]["progression"]) == 7
    assert data["nodes"] == [
        {"id": f1, "metric": "F1", "best": {"model": "LUKE (single model)"}}, None,
        {"id": encode_id("Paper", "attention-is-all-you-need"), "slug": "attention-is-all-you-need"},
        {"id": record, "metric": "EM", "best": {"model": "LUKE (single model)"}},
    ]  # fmt: skip
    # the id a board shows is the one that refetches it
    shown = api_server.data("""{ leaderboard(task: "Common Sense Reasoning", dataset: "ReCoRD", metric: "F1") { id } }""")  # fmt: skip
    assert shown["leaderboard"]["id"] == f1
    assert api_server.data("query ($id: ID!) { node(id: $id) { id } }", {"id": missing}) == {
        "node": None
    }


def test_leaderboard_bad_input_names_what_and_where(api_server: RunningServer) -> None:
    bad = encode_id("Leaderboard", "not a board")
    assert errors(api_server, "query ($id: ID!) { node(id: $id) { id } }", {"id": bad}) == [
        (f"id: {bad!r} is not an id of this API", "BAD_USER_INPUT", ["node"])]  # fmt: skip
    assert errors(api_server, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [bad]}) == [
        (f"ids[0]: {bad!r} is not an id of this API", "BAD_USER_INPUT", ["nodes"])]  # fmt: skip
    record = board_id("Common Sense Reasoning", "ReCoRD", "EM")
    assert errors(api_server, "query ($id: ID!) { neighborhood(id: $id) { nodes { id } } }", {"id": record}) == [
        (f"id: {shown(record)} is the id of a Leaderboard, which is not a node of the graph", "BAD_USER_INPUT",
         ["neighborhood"])]  # fmt: skip
    assert errors(api_server, "{ leaderboards(first: 101) { nodes { metric } } }") == [
        ("first: at most 100 items a page (asked for 101)", "BAD_USER_INPUT", ["leaderboards"])]  # fmt: skip
    task_cursor = api_server.data(
        '{ task(name: "Image Classification") { leaderboards { edges { cursor } } } }'
    )
    cursor = task_cursor["task"]["leaderboards"]["edges"][0]["cursor"]
    bad_cursor = errors(api_server, "query ($c: String) { leaderboards(after: $c) { nodes { metric } } }", {"c": cursor})  # fmt: skip
    assert (
        bad_cursor[0][1:] == ("BAD_USER_INPUT", ["leaderboards"])
        and "is not a cursor of this list" in bad_cursor[0][0]
    )


# 2. Areas -------------------------------------------------------------------------------------


def test_areas_with_their_tasks_by_paper_count(api_server: RunningServer) -> None:
    """Computer Vision: Image Classification (ResNet, ViT), Image Generation (GAN, ViT), Video
    Classification (ViViT), Object Detection (none): 4 tasks, 4 papers (ViT once)."""
    query = """query ($first: Int, $after: String) { areas(first: $first, after: $after) {
        edges { node { id name taskCount paperCount tasks { totalCount nodes { name paperCount } } } }
        pageInfo { hasNextPage endCursor } } }"""
    assert collect_pages(api_server, query, ["areas"], first=1) == [
        {"id": encode_id("Area", "Computer Vision"), "name": "Computer Vision", "taskCount": 4, "paperCount": 4,
         "tasks": {"totalCount": 4, "nodes": [
             {"name": "Image Classification", "paperCount": 2}, {"name": "Image Generation", "paperCount": 2},
             {"name": "Video Classification", "paperCount": 1}, {"name": "Object Detection", "paperCount": None}]}},
        {"id": encode_id("Area", "Natural Language Processing"), "name": "Natural Language Processing",
         "taskCount": 3, "paperCount": 2,  # BERT's two tasks, Attention's one
         "tasks": {"totalCount": 3, "nodes": [
             {"name": "Machine Translation", "paperCount": 1}, {"name": "Natural Language Inference", "paperCount": 1},
             {"name": "Question Answering", "paperCount": 1}]}},
    ]  # fmt: skip
    assert api_server.data("{ areas(first: 0) { totalCount } }") == {"areas": {"totalCount": 2}}


def test_an_area_by_name_or_id_and_its_tasks_pages(api_server: RunningServer) -> None:
    cv = encode_id("Area", "Computer Vision")
    data = api_server.data("""query ($id: ID!) { area(name: "Computer Vision") { id name }
        unknown: area(name: "Astrology") { name } empty: area(name: "") { name }
        node(id: $id) { __typename ... on Area { taskCount } }
        task(name: "Image Generation") { areas { id name paperCount } } }""", {"id": cv})  # fmt: skip
    assert data == {"area": {"id": cv, "name": "Computer Vision"}, "unknown": None, "empty": None,
                    "node": {"__typename": "Area", "taskCount": 4},
                    "task": {"areas": [{"id": cv, "name": "Computer Vision", "paperCount": 4}]}}  # fmt: skip
    query = """query ($first: Int, $after: String) { area(name: "Computer Vision") {
        tasks(first: $first, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } } }"""
    names = [t["name"] for t in collect_pages(api_server, query, ["area", "tasks"], first=3)]
    assert names == [
        "Image Classification",
        "Image Generation",
        "Video Classification",
        "Object Detection",
    ]
    assert errors(api_server, '{ area(name: "Computer Vision") { tasks(first: 101) { nodes { name } } } }') == [
        ("first: at most 100 items a page (asked for 101)", "BAD_USER_INPUT", ["area", "tasks"])]  # fmt: skip


def test_a_tasks_ancestors_root_first(api_server: RunningServer) -> None:
    """Tiny Object Detection has two parents: Small Object Detection (the first by name, its
    `parent`) and Zoo Detection; Loop A and Loop B are each other's subtask."""
    data = api_server.data("""{ tiny: task(name: "Tiny Object Detection") { parent { name } ancestors { name ancestors { name } } }
        root: task(name: "Object Detection") { parent { name } ancestors { name } }
        a: task(name: "Loop A") { parent { name } ancestors { name } }
        b: task(name: "Loop B") { parent { name } ancestors { name } }
        open: task(name: "Open-Domain Question Answering") { ancestors { name areas { name } } } }""")  # fmt: skip
    assert data == {
        "tiny": {"parent": {"name": "Small Object Detection"}, "ancestors": [
            {"name": "Object Detection", "ancestors": []},
            {"name": "Small Object Detection", "ancestors": [{"name": "Object Detection"}]}]},
        "root": {"parent": None, "ancestors": []},
        "a": {"parent": {"name": "Loop B"}, "ancestors": [{"name": "Loop B"}]},
        "b": {"parent": {"name": "Loop A"}, "ancestors": [{"name": "Loop A"}]},
        "open": {"ancestors": [{"name": "Question Answering", "areas": [{"name": "Natural Language Processing"}]}]},
    }  # fmt: skip


# 4. Typeahead ---------------------------------------------------------------------------------

SUGGEST = """query ($query: String!, $types: [SuggestType!], $first: Int) {
  suggest(query: $query, types: $types, first: $first) { type name score } }"""


def suggested(server: RunningServer, query: str, **more: Any) -> list[tuple[str, str, float]]:
    found = server.data(SUGGEST, {"query": query, **more})["suggest"]
    return [(s["type"], s["name"], s["score"]) for s in found]


def test_word_prefixes_ranked_by_match_then_popularity(api_server: RunningServer) -> None:
    # the name starts with the words (2) before names that only contain them (1); among those,
    # ViViT (a paper with one repository) and Video Vision Transformer (a method of one paper)
    # are equally popular: by name
    assert suggested(api_server, "vis trans") == [
        ("METHOD", "Vision Transformer", 2.0), ("PAPER", "ViViT: A Video Vision Transformer", 1.0),
        ("METHOD", "Video Vision Transformer", 1.0)]  # fmt: skip
    # the tasks of two papers, then the dataset of one, then papers without code, by title
    assert suggested(api_server, "image") == [
        ("TASK", "Image Classification", 2.0), ("TASK", "Image Generation", 2.0), ("DATASET", "ImageNet", 2.0),
        ("PAPER", "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale", 1.0),
        ("PAPER", "Deep Residual Learning for Image Recognition", 1.0)]  # fmt: skip
    # the whole name: 3, before the names it starts
    assert suggested(api_server, "vision transformer") == [
        ("METHOD", "Vision Transformer", 3.0), ("PAPER", "ViViT: A Video Vision Transformer", 1.0),
        ("METHOD", "Video Vision Transformer", 1.0)]  # fmt: skip
    # the prolific author's 60 papers before everyone else with an "a" word; first: 3
    assert suggested(api_server, "a", first=3)[0] == ("AUTHOR", "Ada Prolific", 2.0)
    assert len(suggested(api_server, "a", first=3)) == 3


def test_case_accents_and_punctuation_do_not_matter(api_server: RunningServer) -> None:
    schoelkopf = [("AUTHOR", "Bernhard Schölkopf", 1.0)]
    assert suggested(api_server, "scholk") == suggested(api_server, "SCHÖLK") == schoelkopf
    assert suggested(api_server, "Bernhard Schölkopf") == [("AUTHOR", "Bernhard Schölkopf", 3.0)]
    assert suggested(api_server, "bernhard-SCHO") == [("AUTHOR", "Bernhard Schölkopf", 2.0)]
    # Lucene's syntax is text: quotes, operators, wildcards, brackets, escapes
    for text in ('"Vision" +Transformer~', "vision (transformer)", "vision* transformer?",
                 "[vision] {transformer} \\ / : ^ ! &&"):  # fmt: skip
        assert suggested(api_server, text)[0] == ("METHOD", "Vision Transformer", 3.0), text
    # operators are words too, and every word must match: "and", "or" do not
    assert (
        suggested(api_server, "vision AND transformer")
        == suggested(api_server, "vision OR kernel")
        == []
    )


def test_types_narrow_and_stubs_are_not_suggested(api_server: RunningServer) -> None:
    assert suggested(api_server, "image", types=["DATASET", "PAPER"]) == [
        ("DATASET", "ImageNet", 2.0),
        ("PAPER", "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale", 1.0),
        ("PAPER", "Deep Residual Learning for Image Recognition", 1.0)]  # fmt: skip
    assert suggested(api_server, "image", types=[]) == suggested(api_server, "image")
    assert suggested(api_server, "vis trans", types=["TASK"]) == []
    assert suggested(api_server, STUB_TITLE) == []  # a stub known from a code link only
    assert suggested(api_server, "ghost vision") == []


def test_a_suggestion_is_its_node(api_server: RunningServer) -> None:
    found = api_server.data("""{ suggest(query: "ada prol", first: 1) { type id name score
        node { __typename id ... on Author { paperCount papers(first: 1) { totalCount } } } } }""")["suggest"]  # fmt: skip
    ada = encode_id("Author", "Ada Prolific")
    assert found == [{"type": "AUTHOR", "id": ada, "name": "Ada Prolific", "score": 2.0,
                      "node": {"__typename": "Author", "id": ada, "paperCount": 60, "papers": {"totalCount": 60}}}]  # fmt: skip


def test_suggest_bad_input(api_server: RunningServer, statements: list[str]) -> None:
    # nothing to look for: [] without asking the database
    for text in ("", "   ", "?!* ~^ ()", "___"):
        assert suggested(api_server, text) == [], text
    assert statements == []
    assert suggested(api_server, "vision", first=0) == []
    assert errors(api_server, SUGGEST, {"query": "vision", "first": 101}) == [
        ("first: at most 100 items a page (asked for 101)", "BAD_USER_INPUT", ["suggest"])]  # fmt: skip
    assert errors(api_server, SUGGEST, {"query": "vision", "first": -1}) == [
        ("first: must be 0 or more (got -1)", "BAD_USER_INPUT", ["suggest"])]  # fmt: skip
    many = " ".join(f"w{i}" for i in range(33))
    assert errors(api_server, SUGGEST, {"query": many}) == [
        ("query: 33 words; at most 32 (PAPERS_GRAPH_MAX_SEARCH_WORDS)", "BAD_USER_INPUT", ["suggest"])]  # fmt: skip
    novel = errors(api_server, SUGGEST, {"query": "vision", "types": ["NOVEL"]})
    # as every variable that does not coerce: graphql-core's message, naming it and the value
    assert (
        novel[0][1] == "GRAPHQL_VALIDATION_FAILED"
        and "$types" in novel[0][0]
        and "NOVEL" in novel[0][0]
    )


# Examples and the statement count -------------------------------------------------------------


def test_the_example_queries_answer(api_server: RunningServer) -> None:
    progression = api_server.data((DOCS / "leaderboard-progression.graphql").read_text())
    board = progression["leaderboard"]
    assert (
        board["id"] == board_id("Common Sense Reasoning", "ReCoRD", "EM")
        and board["resultCount"] == 12
    )
    assert board["best"] == {
        "model": "LUKE (single model)",
        "value": "90.640",
        "date": "2020-03-26",
        "paper": None,
    }
    assert [r["numericValue"] for r in board["progression"]] == [
        54.04,
        69.49,
        71.6,
        72.24,
        81.78,
        83.09,
        90.64,
    ]
    assert progression["leaderboards"]["totalCount"] == 1
    areas = api_server.data((DOCS / "areas.graphql").read_text())
    assert [(a["name"], a["taskCount"], a["paperCount"], a["tasks"]["nodes"][0]["name"])
            for a in areas["areas"]["nodes"]] == [("Computer Vision", 4, 4, "Image Classification"),
                                                  ("Natural Language Processing", 3, 2, "Machine Translation")]  # fmt: skip
    assert areas["task"] == {"name": "Tiny Object Detection", "parent": {"name": "Small Object Detection"},
                             "ancestors": [{"name": "Object Detection"}, {"name": "Small Object Detection"}],
                             "subtasks": {"nodes": []}}  # fmt: skip
    suggest = api_server.data((DOCS / "suggest.graphql").read_text())["suggest"]
    assert suggest[0] == {"type": "METHOD", "id": encode_id("Method", "Vision Transformer"),
                          "name": "Vision Transformer", "score": 2.0,
                          "node": {"paperCount": 2, "fullName": "Vision Transformer"}}  # fmt: skip
    assert [s["node"] for s in suggest[1:]] == [
        {"slug": "vivit-a-video-vision-transformer", "published": "2021-03-29"},
        {"paperCount": 1, "fullName": "Video Vision Transformer"}]  # fmt: skip


RECORD = board_id("Common Sense Reasoning", "ReCoRD", "EM")
SITE_QUERIES = [
    """{ leaderboard(task: "Common Sense Reasoning", dataset: "ReCoRD") { id resultCount
        best { model date paper { title authors { nodes { name } } } }
        progression { model date value paper { slug tasks { nodes { name } } } dataset { name } } rows(first: 2) { nodes { date } } } }""",
    """{ leaderboards(first: 5) { totalCount edges { cursor node { id metric resultCount task { name areas { name } }
        best { model } progression { date } rows(first: 1) { nodes { model } } } } } }""",
    f"""{{ node(id: "{RECORD}") {{ id ... on Leaderboard {{ progression {{ model }} best {{ model }} }} }}
        nodes(ids: ["{RECORD}", "{encode_id("Area", "Computer Vision")}"]) {{ id ... on Area {{ tasks(first: 2) {{ nodes {{ name }} }} }} }} }}""",
    """{ task(name: "Image Classification") { leaderboards { nodes { id progression { model date } best { model } resultCount } } }
        dataset(name: "ReCoRD") { leaderboards { nodes { resultCount best { model } } } } }""",
    """{ areas { totalCount nodes { id name taskCount paperCount tasks(first: 3) { totalCount
        nodes { name ancestors { name } areas { name } subtasks { nodes { name } } } } } } }""",
    """{ area(name: "Computer Vision") { tasks { edges { cursor node { name ancestors { name parent { name }
        ancestors { name } } leaderboards { nodes { best { model } } } } } } }
        task(name: "Tiny Object Detection") { ancestors { name subtasks { totalCount } } } }""",
    """{ suggest(query: "vis trans") { type id name score node { id ... on Method { papers(first: 2) { nodes { title } } }
        ... on Paper { authors { nodes { name } } repositories { totalCount } } } }
        tasks: suggest(query: "image", types: [TASK, DATASET], first: 3) { name node { ... on Task { areas { name } ancestors { name } } } } }""",
]


@pytest.mark.parametrize("query", SITE_QUERIES)
def test_each_site_request_is_one_statement(
    api_server: RunningServer, statements: list[str], query: str
) -> None:
    api_server.data(query)
    assert len(statements) == 1, statements


def test_an_error_inside_a_suggested_node_is_at_its_path(api_server: RunningServer) -> None:
    body = api_server.graphql("""{ suggest(query: "ada prol", first: 1) {
        name node { ... on Author { papers(first: 101) { totalCount } } } } }""").json()  # fmt: skip
    assert body["data"] is None  # papers, node, the suggestion and the list are all non-null
    assert [(e["extensions"]["code"], e["path"]) for e in body["errors"]] == [
        ("BAD_USER_INPUT", ["suggest", 0, "node", "papers"])
    ]
