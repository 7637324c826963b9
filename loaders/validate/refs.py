"""References from one record to a paper, in the forms the archive uses."""

from __future__ import annotations

import re
from typing import Any

from graphdb.identifiers import arxiv_id_in_url, slug_from_url, title_key

PWC_PAPER_PATH = "paperswithcode.com/paper/"


def pwc_paper_slug(url: str | None) -> str | None:
    """The slug of a Papers With Code paper URL; None for any other URL."""
    if not url or PWC_PAPER_PATH not in url:
        return None
    return slug_from_url(url)


_BARE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def paper_slug(text: str) -> str | None:
    """The slug a reference to a Papers With Code paper gives: its URL, its path (`/paper/<slug>`)
    or the bare slug; None for anything else (another site's URL, a title)."""
    text = text.strip()
    if text.startswith("/paper/"):
        text = PWC_PAPER_PATH + text.removeprefix("/paper/")
    if PWC_PAPER_PATH in text:
        return pwc_paper_slug(text)
    return text if _BARE_SLUG.fullmatch(text) else None


def paper_ref(value: Any) -> dict[str, Any] | None:
    """`{title, url}` (or a bare slug string in older dumps) as join keys; None when absent.

    Keys: slug (from a PWC URL or a bare slug), arxivId (from an arXiv URL),
    titleKey (normalised title) and title (to name a paper not loaded yet).
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        slug = pwc_paper_slug(text) or (text if "/" not in text else None)
        return {"slug": slug, "arxivId": arxiv_id_in_url(text), "titleKey": None, "title": None}
    if not isinstance(value, dict):
        return None
    url = value.get("url") if isinstance(value.get("url"), str) else None
    title = value.get("title") if isinstance(value.get("title"), str) else None
    title = title.strip() if title else None
    ref = {
        "slug": pwc_paper_slug(url),
        "arxivId": arxiv_id_in_url(url),
        "titleKey": title_key(title),
        "title": title or None,
    }
    return ref if any(ref[k] for k in ("slug", "arxivId", "titleKey")) else None
