"""The archive of the site tests (issue 12, items 1, 2 and 4): the API tests' archive, two real
leaderboard files (tests/fixtures/evaluation-tables: ReCoRD, OGB), and a few more records in the
real formats:

- a task tree with areas: Object Detection > Small Object Detection > Tiny Object Detection,
  Tiny Object Detection also under Zoo Detection (a second parent, later by name), and Loop A /
  Loop B each a subtask of the other (the archive's tree is not guaranteed to be a tree);
  Natural Language Inference and Machine Translation in Natural Language Processing;
  Image Generation, Video Classification, Object Detection in Computer Vision;
- papers for the typeahead: Vision Transformer (a method of two papers) and Video Vision
  Transformer (of one), an author with an umlaut (Bernhard Schölkopf), a paper with code, a
  stub paper known only from a code link (stubs are not suggested).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.support.api_archive import write_archive

FIXTURES = Path(__file__).parent.parent / "fixtures" / "evaluation-tables"
REAL_TABLES = ("record", "ogb")
STUB_TITLE = "Ghost Vision Transformer"


def _task(
    name: str, categories: list[str] | None = None, subtasks: list[Any] | None = None
) -> dict[str, Any]:
    return {"task": name, "categories": categories or [], "description": "", "datasets": [],
            "subtasks": subtasks or [], "synonyms": [], "source_link": None}  # fmt: skip


def tables() -> list[dict[str, Any]]:
    tiny = _task("Tiny Object Detection")
    return [
        _task("Object Detection", ["Computer Vision"], [_task("Small Object Detection", [], [tiny])]),
        _task("Zoo Detection", [], [tiny]),
        _task("Loop A", [], [_task("Loop B", [], [_task("Loop A")])]),
        _task("Natural Language Inference", ["Natural Language Processing"]),
        _task("Machine Translation", ["Natural Language Processing"]),
        _task("Image Generation", ["Computer Vision"]),
        _task("Video Classification", ["Computer Vision"]),
    ]  # fmt: skip


def _paper(slug: str, title: str, authors: list[str], tasks: list[str], methods: list[str],
           date: str) -> dict[str, Any]:  # fmt: skip
    return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "arxiv_id": None, "title": title,
            "abstract": f"{title}.", "authors": authors, "tasks": tasks, "date": date, "url_abs": None,
            "url_pdf": None, "proceeding": None, "conference": None,
            "methods": [{"name": m, "full_name": m, "main_collection": None} for m in methods]}  # fmt: skip


def papers() -> list[dict[str, Any]]:
    return [
        _paper("an-image-is-worth-16x16-words", "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale",
               ["Alexey Dosovitskiy", "Lucas Beyer"], ["Image Classification", "Image Generation"],
               ["Vision Transformer"], "2020-10-22"),
        _paper("vivit-a-video-vision-transformer", "ViViT: A Video Vision Transformer",
               ["Anurag Arnab", "Mostafa Dehghani"], ["Video Classification"],
               ["Video Vision Transformer", "Vision Transformer"], "2021-03-29"),
        _paper("generative-adversarial-networks", "Generative Adversarial Networks",
               ["Ian Goodfellow"], ["Image Generation"], [], "2014-06-10"),
        _paper("kernel-methods-in-machine-learning", "Kernel Methods in Machine Learning",
               ["Thomas Hofmann", "Bernhard Schölkopf", "Alexander J. Smola"], [], [], "2007-01-01"),
    ]  # fmt: skip


def code_links() -> list[dict[str, Any]]:
    def link(slug: str, title: str, repo: str) -> dict[str, Any]:
        return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "paper_title": title,
                "paper_arxiv_id": None, "paper_url_abs": None, "paper_url_pdf": None, "repo_url": repo,
                "is_official": True, "mentioned_in_paper": True, "mentioned_in_github": True,
                "framework": "jax"}  # fmt: skip

    return [
        link("vivit-a-video-vision-transformer", "ViViT", "https://github.com/google-research/scenic"),
        link("ghost-vision-transformer", STUB_TITLE, "https://github.com/x/ghost"),
    ]  # fmt: skip


def write_site_archive(folder: Path) -> Path:
    write_archive(folder)
    for name in REAL_TABLES:
        shutil.copy(FIXTURES / f"{name}.json", folder / f"real-{name}-evaluation-tables.json")
    for name, records in (("site-evaluation-tables", tables()), ("site-papers-with-abstracts", papers()),
                          ("site-links-between-papers-and-code", code_links())):  # fmt: skip
        (folder / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False))
    return folder
