"""A small archive with known content for the API tests, written in the real dump formats.

Three real papers (with facts from the archive: titles, authors, arXiv ids, dates, venues) and
sixty synthetic ones by one prolific author, so lists are long enough to page through
and nested requests fan out to 50+ items. Venues: the real papers' (CVPR, NAACL, NeurIPS)
and the studies' (AISTATS in two years, UAI), and `proceeding` texts that name none (no year,
no conference) or name one with odd spacing (ODD_VENUES). The studies' conferences are none of
the generated archive's (tests/golden/archive.py loads both): the studies stay out of reach of
the real papers' neighbourhoods and paths, as before venues existed.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

PROLIFIC = "Ada Prolific"
# Tests load with this threshold (loaders/coauthors.py): the API archive's prolific author and
# her regular co-authors keep their co-author rankings, the rest are ranked per request, so the
# answers cover both.
KEEP_COAUTHORS_FROM = 5
N_PROLIFIC = 60
UNDATED_AUTHOR = "Una Dated"
N_UNDATED = 3
# The prolific studies' `proceeding`: studies 0, 6, 12, ... in AISTATS 2020, 1, 7, 13, ... in
# UAI 2020, 10 in AISTATS 2019, and odd texts (study 2: no year, 4: AISTATS 2020 oddly spaced,
# 8: no conference).
AISTATS_2020 = 11  # ten of every sixth and study 4
UAI_2020 = 10
ODD_VENUES = {2: "UAI", 4: "  AISTATS   2020  8 ", 8: "2020 8", 10: "AISTATS 2019 4"}
REPRODUCER, REPRODUCED = 14, 13  # prolific-study-14 reproduces prolific-study-13


def prolific_venue(i: int) -> str | None:
    if i in ODD_VENUES:
        return ODD_VENUES[i]
    return {0: "AISTATS 2020 8", 1: "UAI 2020 7"}.get(i % 6)


def _paper(slug: str, title: str, authors: list[str], tasks: list[str], methods: list[str],
           date: str | None, arxiv: str | None = None, abstract: str | None = None,
           proceeding: str | None = None, **more: Any) -> dict[str, Any]:  # fmt: skip
    return {
        "paper_url": f"https://paperswithcode.com/paper/{slug}", "arxiv_id": arxiv, "title": title,
        "abstract": abstract or f"{title}. A study of {', '.join(tasks)}.", "authors": authors,
        "tasks": tasks, "date": date, "url_abs": f"http://arxiv.org/abs/{arxiv}v1" if arxiv else None,
        "url_pdf": None, "proceeding": proceeding, "conference": None,
        "methods": [{"name": m, "full_name": m, "main_collection": None} for m in methods],
    } | more  # fmt: skip


def papers() -> list[dict[str, Any]]:
    real = [
        _paper("attention-is-all-you-need", "Attention Is All You Need",
               ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"], ["Machine Translation"],
               ["Multi-Head Attention", "Adam"], "2017-06-12", "1706.03762",
               "The dominant sequence transduction models are based on complex recurrent networks.",
               "NeurIPS 2017 12", conference="attention-is-all-you-need-1",
               conference_url_abs="http://papers.nips.cc/paper/7181-attention-is-all-you-need",
               conference_url_pdf="http://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf"),
        _paper("bert-pre-training-of-deep-bidirectional", "BERT: Pre-training of Deep Bidirectional Transformers",
               ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"],
               ["Question Answering", "Natural Language Inference"], ["Multi-Head Attention"],
               "2018-10-11", "1810.04805", proceeding="NAACL 2019 6"),
        _paper("deep-residual-learning-for-image", "Deep Residual Learning for Image Recognition",
               ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"], ["Image Classification"],
               ["Residual Connection"], "2015-12-10", "1512.03385", proceeding="CVPR 2016 6"),
    ]  # fmt: skip
    synthetic = [
        _paper(f"prolific-study-{i:02d}", f"Prolific Study {i:02d}", [PROLIFIC, f"Coauthor {i % 7}", f"Other {i}"],
               [f"Task {i % 5}"], [f"Method {i % 4}"], f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
               proceeding=prolific_venue(i), **_prolific_extras(i))
        for i in range(N_PROLIFIC)
    ]  # fmt: skip
    # Papers without a date sort last in either direction of a root list ordered by date.
    undated = [
        _paper(f"archival-note-{i}", f"Archival Note {i}", [UNDATED_AUTHOR], ["Archival Notes"], [], None)
        for i in range(N_UNDATED)
    ]  # fmt: skip
    return real + synthetic + undated


def _prolific_extras(i: int) -> dict[str, Any]:
    if i == 6:
        return {"openreview_id": "Prolific06", "nips_id": "9106"}
    if i == REPRODUCER:
        return {"reproduces_paper": f"https://paperswithcode.com/paper/prolific-study-{REPRODUCED}"}
    return {}


def _row(
    model: str, metrics: dict[str, str], paper_url: str = "", paper_title: str = ""
) -> dict[str, Any]:
    return {"model_name": model, "metrics": metrics, "paper_url": paper_url, "paper_title": paper_title,
            "paper_date": None, "code_links": [], "model_links": [], "uses_additional_data": False}  # fmt: skip


def evaluation_tables() -> list[dict[str, Any]]:
    imagenet = {
        "dataset": "ImageNet", "description": "", "dataset_links": [], "dataset_citations": [], "subdatasets": [],
        "sota": {"metrics": ["Top 1 Accuracy", "Number of params"], "rows": [
            _row("ResNet-152", {"Top 1 Accuracy": "78.57%", "Number of params": "60M"},
                 "https://arxiv.org/abs/1512.03385v1") | {
                "code_links": [{"title": "KaimingHe/deep-residual-networks",
                                "url": "https://github.com/KaimingHe/deep-residual-networks"}],
                "model_links": [{"title": "", "url": "https://example.org/models/resnet-152"}]},
            _row("Mystery Net", {"Top 1 Accuracy": "80.1 ± 0.1", "Number of params": "25M"},
                 "https://example.org/mystery.pdf", "A Paper Nobody Loaded"),
            _row("Unreported", {"Top 1 Accuracy": "Please tell us", "Number of params": ""}),
        ]},
    }  # fmt: skip
    squad = {
        "dataset": "SQuAD1.1", "description": "", "dataset_links": [], "dataset_citations": [], "subdatasets": [],
        "sota": {"rows": [_row("BERT (single)", {"F1": "93.2"}, "", "BERT: Pre-training of Deep Bidirectional Transformers")],
                 "metrics": ["F1"]},
    }  # fmt: skip
    bench = {
        "dataset": "Bench 0", "description": "", "dataset_links": [], "dataset_citations": [], "subdatasets": [],
        "sota": {"metrics": ["Accuracy"], "rows": [
            _row(f"Model {i}", {"Accuracy": f"{50 + i / 2:.1f}"}, f"https://paperswithcode.com/paper/prolific-study-{i:02d}")
            for i in range(0, N_PROLIFIC, 1)
        ]},
    }  # fmt: skip
    return [
        {"task": "Image Classification", "categories": ["Computer Vision"], "description": "Sort images.",
         "datasets": [imagenet], "subtasks": [], "synonyms": [], "source_link": None},
        {"task": "Question Answering", "categories": ["Natural Language Processing"], "description": "Answer.",
         "datasets": [squad], "synonyms": [],
         "source_link": {"title": "SQuAD: 100,000+ Questions", "url": "https://arxiv.org/abs/1606.05250"},
         "subtasks": [{"task": "Open-Domain Question Answering", "description": "", "categories": [],
                       "datasets": [], "subtasks": [], "synonyms": [], "source_link": None}]},
        {"task": "Task 0", "categories": [], "description": "", "datasets": [bench], "subtasks": [],
         "synonyms": [], "source_link": None},
    ]  # fmt: skip


def code_links() -> list[dict[str, Any]]:
    def link(slug: str, repo: str, official: bool, framework: str) -> dict[str, Any]:
        return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "paper_title": slug, "paper_arxiv_id": None,
                "paper_url_abs": None, "paper_url_pdf": None, "repo_url": repo, "is_official": official,
                "mentioned_in_paper": official, "mentioned_in_github": True, "framework": framework}  # fmt: skip

    links = [
        link("attention-is-all-you-need", "https://github.com/tensorflow/tensor2tensor", True, "tf"),
        link("attention-is-all-you-need", "https://github.com/jadore801120/attention-is-all-you-need-pytorch", False, "pytorch"),
        link("bert-pre-training-of-deep-bidirectional", "https://github.com/google-research/bert", True, "tf"),
    ]  # fmt: skip
    links += [
        link(f"prolific-study-{i:02d}", f"https://github.com/ada/study-{i}", True, "pytorch")
        for i in range(0, N_PROLIFIC, 2)
    ]
    return links


def methods() -> list[dict[str, Any]]:
    return [{
        "url": "https://paperswithcode.com/method/multi-head-attention", "name": "Multi-Head Attention",
        "full_name": "Multi-Head Attention", "description": "Several attention heads in parallel.",
        "paper": {"title": "Attention Is All You Need", "url": "https://paperswithcode.com/paper/attention-is-all-you-need"},
        "introduced_year": 2017, "source_url": "https://arxiv.org/abs/1706.03762v7",
        "source_title": "Attention Is All You Need",
        "code_snippet_url": "https://github.com/jadore801120/attention-is-all-you-need-pytorch/blob/master/transformer/SubLayers.py",
        "num_papers": None, "collections": [{"collection": "Attention Modules", "area_id": "general", "area": "General"}],
    }]  # fmt: skip


def datasets() -> list[dict[str, Any]]:
    return [{
        "url": "https://paperswithcode.com/dataset/imagenet", "name": "ImageNet", "full_name": "ImageNet",
        "homepage": "https://image-net.org", "description": "Images in 1000 classes.", "short_description": "Labelled images.",
        "paper": None, "introduced_date": "2009-06-20", "warning": None, "modalities": ["Images"],
        "tasks": [{"task": "Image Classification", "url": ""}], "languages": [], "variants": ["ImageNet", "ImageNet-1k"],
        "num_papers": None, "parent_dataset": None,
        "license_name": "Custom (non-commercial)", "license_url": "https://image-net.org/download",
        "image": "https://example.org/images/imagenet.jpg", "thumbnail": "https://example.org/images/imagenet-small.jpg",
        "data_loaders": [
            {"url": "https://github.com/pytorch/vision/blob/main/torchvision/datasets/imagenet.py",
             "repo": "https://github.com/pytorch/vision", "frameworks": ["pytorch"]},
            {"url": "https://www.tensorflow.org/datasets/catalog/imagenet2012",
             "repo": "https://github.com/tensorflow/datasets", "frameworks": ["tf", "jax"]},
        ],
    }, {
        # a synthetic benchmark of the evaluation tables, drawn from ImageNet
        "url": "https://paperswithcode.com/dataset/bench-0", "name": "Bench 0", "parent_dataset": "ImageNet",
        "warning": "Synthetic: made for the tests.", "tasks": [{"task": "Task 0", "url": ""}],
    }]  # fmt: skip


def write_archive(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, records in (
        ("papers-with-abstracts", papers()), ("evaluation-tables", evaluation_tables()),
        ("links-between-papers-and-code", code_links()), ("methods", methods()), ("datasets", datasets()),
    ):  # fmt: skip
        with gzip.open(folder / f"{name}.json.gz", "wt", encoding="utf-8") as out:
            json.dump(records, out)
    return folder
