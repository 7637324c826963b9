"""How the archive identifies papers: slugs, arXiv ids and comparable titles.

Shared by the loaders (to join records) and the API (to look papers up), so
that both normalise in exactly the same way.
"""

from __future__ import annotations

import re

_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)
_ARXIV_URL = re.compile(
    r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?",
    re.IGNORECASE,
)


def slug_from_url(url: str) -> str | None:
    """The last path part of a Papers With Code URL: .../paper/<slug> gives <slug>.

    None when there is no slug: `.../paper/` names the folder of papers, not a
    paper called `paper` (`.../paper/paper` is one).
    """
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    head, _, slug = path.rpartition("/")
    if slug == "paper" and not head.endswith("/paper"):
        return None
    return slug or None


def normalize_arxiv_id(value: str | None) -> str | None:
    """`2302.00402v1`, `arXiv:2302.00402` or an arXiv abs/pdf URL give `2302.00402`."""
    if not value:
        return None
    value = value.strip()
    url = _ARXIV_URL.search(value)
    if url:
        return url.group(1)
    if value.lower().startswith("arxiv:"):
        value = value[6:]
    match = _ARXIV_ID.fullmatch(value)
    return match.group(1) if match else None


def arxiv_id_in_url(url: str | None) -> str | None:
    if not url:
        return None
    match = _ARXIV_URL.search(url)
    return match.group(1) if match else None


_TITLE_NOISE = re.compile(r"[^0-9a-z]+")


def title_key(title: str | None) -> str | None:
    """A title reduced to lowercase letters and digits, for joining rows that only give a title."""
    if not title:
        return None
    key = _TITLE_NOISE.sub(" ", title.lower()).strip()
    return key or None
