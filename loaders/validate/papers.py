"""papers-with-abstracts records into Paper rows (with their authors, tasks and methods)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphdb.identifiers import normalize_arxiv_id, parse_proceeding, slug_from_url, title_key
from loaders.validate.fields import (
    Reject,
    object_list,
    optional_date,
    optional_int,
    optional_str,
    require_object,
    required_str,
    stable_hash,
    str_list,
    type_name,
)
from loaders.validate.refs import paper_slug


def paper_row(record: Any) -> dict[str, Any]:
    """One paper as the parameters of the paper write query; raises Reject when unusable."""
    record = require_object(record)
    url = required_str(record, "paper_url")
    slug = slug_from_url(url)
    if slug is None:
        raise Reject(f"paper_url {url!r} has no slug (expected .../paper/<slug>)")
    title = required_str(record, "title")
    raw_arxiv = optional_str(record, "arxiv_id")
    arxiv_id = normalize_arxiv_id(raw_arxiv)
    if raw_arxiv and arxiv_id is None:
        raise Reject(f"arxiv_id {raw_arxiv!r} is not an arXiv identifier")
    proceeding = optional_str(record, "proceeding")
    venue = parse_proceeding(proceeding)
    row: dict[str, Any] = {
        "slug": slug,
        "props": {
            "pwcUrl": url,
            "arxivId": arxiv_id,
            "title": title,
            "titleKey": title_key(title),
            "abstract": optional_str(record, "abstract"),
            "published": optional_date(record, "date"),
            "urlAbs": optional_str(record, "url_abs"),
            "urlPdf": optional_str(record, "url_pdf"),
            "proceeding": proceeding,
            "conference": optional_str(record, "conference"),
            "conferenceUrlAbs": optional_str(record, "conference_url_abs"),
            "conferenceUrlPdf": optional_str(record, "conference_url_pdf"),
            "nipsId": optional_str(record, "nips_id"),
            "openreviewId": optional_str(record, "openreview_id"),
        },
        # PUBLISHED_IN its proceeding, by the rule of graphdb.identifiers.parse_proceeding
        "venue": {"name": venue.name, "conference": venue.conference, "year": venue.year}
        if venue
        else None,
        "reproduces": _reproduces(record, slug),
        "authors": str_list(record, "authors"),
        "tasks": str_list(record, "tasks"),
        "methods": _unique_by_name(
            method_ref(m, f"methods[{i}]") for i, m in enumerate(object_list(record, "methods"))
        ),
    }
    # What the graph holds of this record: an unchanged record is skipped on reload.
    row["hash"] = stable_hash(row)
    return row


def _reproduces(record: dict[str, Any], slug: str) -> str | None:
    """The slug of the paper this one reproduces (a reproducibility report's `reproduces_paper`:
    the paper's Papers With Code URL, path or slug, or an object with that `url`, as other
    references to papers are written); a paper does not reproduce itself."""
    value = record.get("reproduces_paper")
    if isinstance(value, dict):
        value = value.get("url")
        if value is not None and not isinstance(value, str):
            raise Reject(f"reproduces_paper.url should be a string, got {type_name(value)}")
    elif value is not None and not isinstance(value, str):
        raise Reject(
            f"reproduces_paper should be a string, an object or null, got {type_name(value)}"
        )
    if value is None or not value.strip():
        return None
    target = paper_slug(value)
    if target is None:
        raise Reject(f"reproduces_paper {value!r} is not a Papers With Code paper URL or slug")
    return target if target != slug else None


def paper_key(row: dict[str, Any]) -> str:
    """What identifies a paper within a file: its slug (URLs differing only in form share one)."""
    return str(row["slug"])


def duplicate_paper(row: dict[str, Any], first_index: int) -> str:
    """Why a later record of a paper already read from the same file is rejected."""
    return (
        f"duplicate paper: paper_url {row['props']['pwcUrl']!r} gives the slug {row['slug']!r} "
        f"of the record at index {first_index} in this file; the first record of a paper wins"
    )


def method_ref(method: dict[str, Any], where: str) -> dict[str, Any]:
    """A method as embedded in a paper record (the same fields as methods.json, flatter)."""
    name = method.get("name")
    if not isinstance(name, str) or not name.strip():
        raise Reject(f"{where}.name should be a non-empty string")
    collection = method.get("main_collection")
    collection_row = None
    if isinstance(collection, dict) and isinstance(collection.get("name"), str):
        collection_row = {
            "name": collection["name"].strip(),
            "description": optional_str(collection, "description"),
            "area": optional_str(collection, "area"),
        }
    try:
        year = optional_int(method, "introduced_year")
    except Reject:
        year = None  # a bad year on an embedded method is not worth losing the paper over
    return {
        "name": name.strip(),
        "props": {
            "fullName": _lenient_str(method, "full_name"),
            "description": _lenient_str(method, "description"),
            "introducedYear": year,
            "sourceUrl": _lenient_str(method, "source_url"),
            "sourceTitle": _lenient_str(method, "source_title"),
            "codeSnippetUrl": _lenient_str(method, "code_snippet_url"),
        },
        "collection": collection_row,
    }


def _unique_by_name(methods: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    unique: dict[str, dict[str, Any]] = {}
    for method in methods:
        unique.setdefault(method["name"], method)
    return list(unique.values())


def _lenient_str(record: dict[str, Any], field: str) -> str | None:
    value = record.get(field)
    return value.strip() or None if isinstance(value, str) else None
