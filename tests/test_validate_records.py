"""Each dump's records into rows: the real evaluation-table samples and the documented traps."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from graphdb.identifiers import parse_proceeding, proceeding_name
from loaders.validate.code_links import code_link_row
from loaders.validate.datasets import dataset_row
from loaders.validate.evaluation import EvaluationTablesParser
from loaders.validate.fields import Reject
from loaders.validate.methods import method_row
from loaders.validate.papers import paper_row
from loaders.validate.refs import pwc_paper_slug

TABLES = Path(__file__).parent / "fixtures" / "evaluation-tables"


def parse_tables(*names: str) -> tuple[list[dict[str, Any]], list[str]]:
    parser = EvaluationTablesParser()
    rows: list[dict[str, Any]] = []
    rejected: list[str] = []
    for name in names:
        for record in json.loads((TABLES / f"{name}.json").read_text()):
            rows += parser(record, lambda reason, _part: rejected.append(reason))
    return rows, rejected


def tables(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["task"], r["dataset"]): r for r in rows if r["kind"] == "table"}


def test_squad_sota_rows_are_read() -> None:
    rows, rejected = parse_tables("squad")
    assert rejected == []
    boards = tables(rows)
    assert set(boards) == {("Question Answering", "SQuAD2.0"), ("Question Answering", "SQuAD1.1")}
    squad2 = boards[("Question Answering", "SQuAD2.0")]["results"]
    first = [r["props"] for r in squad2[:2]]  # the table's first row, one result per metric
    assert [(p["model"], p["metric"], p["numericValue"], p["rank"]) for p in first] == [
        ("FPNet (ensemble)", "EM", 90.871, 1),
        ("FPNet (ensemble)", "F1", 93.183, 1),
    ]
    assert len(boards[("Question Answering", "SQuAD1.1")]["results"]) > 100


def test_the_older_sota_rows_key_reads_the_same() -> None:
    # The samples' README says squad.json uses `sota_rows`; the copy we were given
    # uses `rows` throughout, so the older spelling is made here from it.
    record = json.loads((TABLES / "squad.json").read_text())[0]
    old_style = json.loads(json.dumps(record))
    for dataset in old_style["datasets"]:
        dataset["sota"]["sota_rows"] = dataset["sota"].pop("rows")
    new_rows = EvaluationTablesParser()(record, lambda *_: None)
    old_rows = EvaluationTablesParser()(old_style, lambda *_: None)
    assert old_rows == new_rows
    assert sum(len(r["results"]) for r in old_rows if r["kind"] == "table") == 902


def test_ogb_values_with_error_bounds() -> None:
    rows, _ = parse_tables("ogb")
    board = tables(rows)[("Node Property Prediction", "ogbn-products")]["results"]
    sagn = {r["props"]["metric"]: r["props"] for r in board if r["props"]["model"] == "SAGN+SLE"}
    test_acc = sagn["Test Accuracy"]
    assert (test_acc["value"], test_acc["numericValue"], test_acc["errorBound"]) == (
        "0.8428 ± 0.0014",
        0.8428,
        0.0014,
    )
    assert test_acc["refArxivId"] == "2104.09376"
    params = sagn["Number of params"]
    assert params["higherIsBetter"] is False and params["numericValue"] == 2179678.0


def test_rows_join_keys_from_urls_and_titles() -> None:
    rows, _ = parse_tables("redditsota", "coqa")
    results = [r["props"] for t in tables(rows).values() for r in t["results"]]
    by_model = {(p["model"], p["metric"]): p for p in results}
    coqa = by_model[("RoBERTa + AT + KD (ensemble)", "OVERALL")]
    assert coqa["refArxivId"] == "1909.10772"  # from an arXiv URL in paper_title too
    assert coqa["refTitleKey"] is None  # a URL is not a title
    softmax = next(
        p for p in results if p["paperTitle"] and "SOFTMAX BOTTLENECK" in p["paperTitle"]
    )
    assert softmax["refArxivId"] == "1711.03953"  # from a pdf link
    assert (
        softmax["refTitleKey"] == "breaking the softmax bottleneck a high rank rnn language model"
    )


def test_a_task_in_several_files_merges_and_a_leaderboard_is_read_once() -> None:
    rows, _ = parse_tables("squad", "redditsota", "coqa", "squad")
    qa = [r for r in rows if r["kind"] == "task" and r["name"] == "Question Answering"]
    assert len(qa) >= 3  # seen in each file: merged by name when written
    boards = [(r["task"], r["dataset"]) for r in rows if r["kind"] == "table"]
    assert len(boards) == len(set(boards))  # the second squad.json adds no table twice
    assert ("Question Answering", "CoQA (Conversational Question Answering Challenge)") in boards


def test_subtasks_keep_their_parent_and_empty_task_names_are_skipped() -> None:
    record = {
        "task": "",
        "subtasks": [
            {
                "task": "Parent",
                "datasets": [],
                "subtasks": [{"task": "Child", "datasets": [], "subtasks": []}],
            }
        ],
    }
    rows = EvaluationTablesParser()(record, lambda *_: None)
    assert [(r["name"], r["parent"]) for r in rows if r["kind"] == "task"] == [
        ("Parent", None),
        ("Child", "Parent"),
    ]


def test_bad_parts_are_rejected_alone() -> None:
    record = {
        "task": "T",
        "datasets": [
            "not a dataset",
            {"dataset": "D", "sota": {"metrics": ["Acc"], "rows": [
                7,
                {"model_name": "no metrics"},
                {"model_name": "good", "metrics": {"Acc": "91.5%"}, "paper_url": "", "paper_title": ""},
            ]}},
        ],
    }  # fmt: skip
    rejected: list[tuple[str, Any]] = []
    rows = EvaluationTablesParser()(record, lambda reason, part: rejected.append((reason, part)))
    assert [r for r, _ in rejected] == [
        "'T'.datasets[0]: a dataset should be an object, got string",
        "'T'.datasets[1].sota.rows[0]: a row should be an object, got number",
        "'T'.datasets[1].sota.rows[1].metrics: should be an object, got null",
    ]
    (table,) = [r for r in rows if r["kind"] == "table"]
    assert [r["props"]["numericValue"] for r in table["results"]] == [91.5]


def test_duplicate_rows_get_distinct_stable_keys() -> None:
    row = {"model_name": "M", "metrics": {"Acc": "90"}, "paper_url": "", "paper_title": ""}
    record = {
        "task": "T",
        "datasets": [{"dataset": "D", "sota": {"metrics": ["Acc"], "rows": [row, row]}}],
    }
    keys = [
        r["key"]
        for t in EvaluationTablesParser()(record, lambda *_: None)
        if t["kind"] == "table"
        for r in t["results"]
    ]
    again = [
        r["key"]
        for t in EvaluationTablesParser()(record, lambda *_: None)
        if t["kind"] == "table"
        for r in t["results"]
    ]
    assert len(set(keys)) == 2 and keys == again


def test_paper_record() -> None:
    row = paper_row({
        "paper_url": "https://paperswithcode.com/paper/dynamic-network-model-from-partial",
        "arxiv_id": "1805.10616v4", "title": "Dynamic Network Model", "abstract": "A.",
        "authors": ["Ann", "Bo", "Ann", " "], "tasks": ["T1", "", "T1"], "date": "2018-05-27",
        "methods": [{"name": "Adam", "full_name": "Adam", "main_collection": {"name": "Optimizers", "area": "General"}},
                    {"name": "Adam"}],
    })  # fmt: skip
    assert row["slug"] == "dynamic-network-model-from-partial"
    assert row["props"]["arxivId"] == "1805.10616"
    assert row["authors"] == ["Ann", "Bo"] and row["tasks"] == ["T1"]
    assert [m["name"] for m in row["methods"]] == ["Adam"]
    assert row["methods"][0]["collection"] == {
        "name": "Optimizers",
        "description": None,
        "area": "General",
    }
    same = paper_row({"paper_url": "https://paperswithcode.com/paper/dynamic-network-model-from-partial",
                      "arxiv_id": "1805.10616v4", "title": "Dynamic Network Model", "abstract": "A.",
                      "authors": ["Ann", "Bo"], "tasks": ["T1"], "date": "2018-05-27",
                      "methods": [{"name": "Adam", "full_name": "Adam",
                                   "main_collection": {"name": "Optimizers", "area": "General"}}]})  # fmt: skip
    assert same["hash"] == row["hash"]  # the same content, the same hash: skipped on reload
    assert (
        paper_row({"paper_url": "https://paperswithcode.com/paper/x", "title": "X"})["hash"]
        != row["hash"]
    )


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ([], "record is not an object (got array)"),
        ({"title": "t"}, "paper_url is missing"),
        ({"paper_url": "https://paperswithcode.com/paper/x"}, "title is missing"),
        (
            {"paper_url": "https://paperswithcode.com/paper/x", "title": 3},
            "title should be a string, got number",
        ),
        (
            {"paper_url": "https://paperswithcode.com/paper/x", "title": "t", "arxiv_id": "nope"},
            "arxiv_id 'nope' is not an arXiv identifier",
        ),
        (
            {"paper_url": "https://paperswithcode.com/paper/x", "title": "t", "tasks": [1]},
            "tasks[0] should be a string, got number",
        ),
    ],
)
def test_paper_rejections_name_the_field(record: Any, reason: str) -> None:
    with pytest.raises(Reject, match=re.escape(reason)):
        paper_row(record)


@pytest.mark.parametrize(
    "url",
    [
        "https://paperswithcode.com/paper/",
        "https://paperswithcode.com/paper",
        "https://paperswithcode.com/paper//",
        "https://paperswithcode.com/paper/?ref=x",
    ],
)
def test_a_paper_url_without_a_slug_is_rejected_not_read_as_slug_paper(url: str) -> None:
    with pytest.raises(Reject, match=re.escape(f"paper_url {url!r} has no slug")):
        paper_row({"paper_url": url, "title": "t"})
    with pytest.raises(Reject, match="is not a Papers With Code paper URL"):
        code_link_row({"paper_url": url, "repo_url": "https://github.com/a/b"})
    assert pwc_paper_slug(url) is None
    # a paper whose slug happens to be `paper` is still one
    assert (
        paper_row({"paper_url": "https://paperswithcode.com/paper/paper", "title": "t"})["slug"]
        == "paper"
    )


def test_a_leaderboard_whose_metrics_is_not_an_array_is_rejected_with_its_path() -> None:
    row = {"model_name": "M", "metrics": {"Accuracy": "90"}, "paper_url": "", "paper_title": ""}
    sota = {"metrics": "Accuracy", "rows": [row]}
    record = {"task": "T", "datasets": [{"dataset": "D", "sota": sota}]}
    rejected: list[tuple[str, Any]] = []
    rows = EvaluationTablesParser()(record, lambda reason, part: rejected.append((reason, part)))
    assert rejected == [
        ("'T'.datasets[0].sota.metrics: should be an array of metric names, got string", sota)
    ]
    assert [r["kind"] for r in rows] == ["task", "dataset"]  # the task and dataset still load


def test_method_dataset_and_code_link_records() -> None:
    method = method_row({
        "url": "https://paperswithcode.com/method/densenas-a", "name": "DenseNAS-A", "full_name": "DenseNAS-A",
        "paper": {"title": "Densely Connected Search Space", "url": "https://paperswithcode.com/paper/densely-connected"},
        "introduced_year": 2000, "collections": [{"collection": "Convolutional Neural Networks", "area_id": "cv", "area": "Computer Vision"}],
    })  # fmt: skip
    assert method["paper"]["slug"] == "densely-connected"
    assert method["collections"] == [
        {"name": "Convolutional Neural Networks", "area": "Computer Vision", "areaId": "cv"}
    ]
    assert (
        method_row({"name": "Old", "paper": "old-style-slug"})["paper"]["slug"] == "old-style-slug"
    )

    dataset = dataset_row({"name": "ImageNet", "tasks": [{"task": "Image Classification", "url": "u"}],
                           "paper": None, "modalities": ["Images"], "introduced_date": "2009-06-20"})  # fmt: skip
    assert dataset["tasks"] == ["Image Classification"] and dataset["paper"] is None
    assert str(dataset["props"]["introducedDate"]) == "2009-06-20"

    link = code_link_row({
        "paper_url": "https://paperswithcode.com/paper/odyssey-a-public-gpu-based-code-for-general",
        "paper_title": "Odyssey", "paper_arxiv_id": "1601.02063", "repo_url": "https://github.com/LeonGeiger/Kerr",
        "is_official": False, "mentioned_in_paper": False, "mentioned_in_github": True, "framework": "none",
    })  # fmt: skip
    assert link["slug"] == "odyssey-a-public-gpu-based-code-for-general"
    assert link["repo"] == {"owner": "LeonGeiger", "name": "Kerr", "framework": None}
    assert link["link"] == {"official": False, "mentionedInPaper": False, "mentionedInGithub": True}
    with pytest.raises(Reject, match="repo_url should be a string"):
        code_link_row({"paper_url": "https://paperswithcode.com/paper/x", "repo_url": 5})


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("NeurIPS 2018 12", ("NeurIPS", 2018)),  # the archive's form: conference, year, month
        ("CVPR 2016 6", ("CVPR", 2016)),
        ("ICML 2020", ("ICML", 2020)),  # no month
        ("  NeurIPS   2020  12 ", ("NeurIPS", 2020)),  # spaces collapsed
        ("ACL ARR November 2021 11", ("ACL ARR November", 2021)),  # several words
        ("ICLR", None),  # no year
        ("2019 6", None),  # no conference
        ("1999 2019 6", None),  # no letter before the year
        ("ICML 2018 13", None),  # not a month
        ("ICML 2018 \u00b2", None),  # a digit, not a number
        ("EMNLP 2020 findings", None),  # words after the year
        ("", None),
        (None, None),
    ],
)
def test_a_proceeding_names_its_conference_and_year(text: str | None, venue: Any) -> None:
    found = parse_proceeding(text)
    assert (None if found is None else (found.conference, found.year)) == venue
    if found is not None:
        assert found.name == f"{venue[0]} {venue[1]}"
        assert proceeding_name(text or "") == found.name
    else:
        assert proceeding_name(text or "") == (text or "").strip()


def test_a_paper_record_carries_its_venue_and_the_paper_it_reproduces() -> None:
    base = {"paper_url": "https://paperswithcode.com/paper/repro", "title": "Reproducing X"}
    row = paper_row({**base, "proceeding": "NeurIPS 2018 12", "openreview_id": "rJx",
                     "reproduces_paper": "https://paperswithcode.com/paper/x-original"})  # fmt: skip
    assert row["venue"] == {"name": "NeurIPS 2018", "conference": "NeurIPS", "year": 2018}
    assert row["props"]["proceeding"] == "NeurIPS 2018 12"  # the text is kept as it is
    assert row["props"]["openreviewId"] == "rJx"
    assert row["reproduces"] == "x-original"
    for form in ("/paper/x-original", "x-original", {"title": "X", "url": "https://paperswithcode.com/paper/x-original"}):  # fmt: skip
        assert paper_row({**base, "reproduces_paper": form})["reproduces"] == "x-original"
    assert paper_row({**base, "proceeding": "ICLR"})["venue"] is None  # names no proceeding
    assert paper_row({**base, "reproduces_paper": "repro"})["reproduces"] is None  # itself
    assert paper_row(base)["hash"] != paper_row({**base, "proceeding": "ICLR 2019 5"})["hash"]


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("reproduces_paper", "https://example.org/x", "reproduces_paper 'https://example.org/x' is not a Papers With Code paper URL or slug"),
        ("reproduces_paper", "a title with words", "is not a Papers With Code paper URL or slug"),
        ("reproduces_paper", 7, "reproduces_paper should be a string, an object or null, got number"),
        ("reproduces_paper", {"url": 7}, "reproduces_paper.url should be a string, got number"),
        ("proceeding", ["NeurIPS 2018 12"], "proceeding should be a string or null, got array"),
    ],
)  # fmt: skip
def test_bad_venue_and_reproduction_values_are_rejected_with_a_reason(
    field: str, value: Any, reason: str
) -> None:
    with pytest.raises(Reject, match=re.escape(reason)):
        paper_row({"paper_url": "https://paperswithcode.com/paper/x", "title": "t", field: value})


def test_dataset_records_keep_loaders_licenses_and_parent() -> None:
    row = dataset_row({
        "name": "ImageNet", "variants": ["ImageNet", "ImageNet-1k", ""], "parent_dataset": "ImageNet-21k",
        "license_name": "Custom", "license_url": "https://image-net.org/download", "image": "i.jpg",
        "thumbnail": "t.jpg", "warning": "Faces", "short_description": "Images.",
        "data_loaders": [{"url": "https://github.com/pytorch/vision/x.py", "repo": "https://github.com/pytorch/vision",
                          "frameworks": ["pytorch"]}, {"url": None, "repo": "r", "frameworks": []}],
    })  # fmt: skip
    props = row["props"]
    assert (
        props["variants"] == ["ImageNet", "ImageNet-1k"]
        and props["parentDataset"] == "ImageNet-21k"
    )
    assert (props["licenseName"], props["licenseUrl"], props["image"], props["thumbnail"]) == (
        "Custom", "https://image-net.org/download", "i.jpg", "t.jpg")  # fmt: skip
    # kept whole, as JSON; a loader without a URL is left out
    assert json.loads(props["dataLoadersJson"]) == [{"url": "https://github.com/pytorch/vision/x.py",
        "repo": "https://github.com/pytorch/vision", "frameworks": ["pytorch"]}]  # fmt: skip
    assert dataset_row({"name": "D", "data_loaders": []})["props"]["dataLoadersJson"] is None
    for loaders, reason in (
        ("x", "data_loaders should be an array of objects, got string"),
        (["x"], "data_loaders[0] should be an object, got string"),
        ([{"url": "u", "frameworks": "tf"}], "data_loaders[0].frameworks should be an array of strings, got string"),
        ([{"url": 3}], "data_loaders[0].url should be a string or null, got number"),
    ):  # fmt: skip
        with pytest.raises(Reject, match=re.escape(reason)):
            dataset_row({"name": "D", "data_loaders": loaders})


def test_leaderboard_rows_keep_their_links_with_titles() -> None:
    row = {"model_name": "M", "metrics": {"Accuracy": "90"}, "paper_url": "", "paper_title": "",
           "code_links": [{"title": "a/b", "url": "https://github.com/a/b"}, {"title": "", "url": " "}],
           "model_links": [{"title": "", "url": "https://example.org/m"}, "junk"]}  # fmt: skip
    record = {
        "task": "T",
        "datasets": [{"dataset": "D", "sota": {"metrics": ["Accuracy"], "rows": [row]}}],
    }
    rows = EvaluationTablesParser()(record, lambda *_: None)
    props = next(r for r in rows if r["kind"] == "table")["results"][0]["props"]
    assert props["codeLinks"] == ["https://github.com/a/b"]
    assert json.loads(props["codeLinksJson"]) == [{"title": "a/b", "url": "https://github.com/a/b"}]
    assert json.loads(props["modelLinksJson"]) == [{"title": None, "url": "https://example.org/m"}]
