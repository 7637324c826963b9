"""How the archive identifies papers: slugs, arXiv ids and comparable titles.

Shared by the loaders (to join records) and the API (to look papers up), so
that both normalise in exactly the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


_YEAR = re.compile(r"(?:19|20)\d\d")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Venue:
    """A paper's proceeding as the graph keeps it: `conference` and `year` ("NeurIPS", 2018)."""

    conference: str
    year: int

    @property
    def name(self) -> str:
        """The proceeding's name and key: "NeurIPS 2018"."""
        return f"{self.conference} {self.year}"


def parse_proceeding(value: str | None) -> Venue | None:
    """The proceeding a paper's `proceeding` text names: "NeurIPS 2018 12" gives NeurIPS 2018.

    The rule (the archive writes "<conference> <year> <month>"): the words, split on
    whitespace, are read from the last word that is a year (1900-2099); the words before it
    are the conference (at least one letter among them, spaces collapsed, case kept); after
    the year at most one word, a month (1-12), which is not kept. Anything else ("ICLR", no
    year; "2019 6", no conference; a year followed by other words) names no proceeding: the
    text is still the paper's `proceeding`, and the paper has no venue.
    """
    if not value:
        return None
    words = value.split()
    years = [i for i, word in enumerate(words) if _YEAR.fullmatch(word)]
    if not years:
        return None
    at = years[-1]
    conference, rest = " ".join(words[:at]), words[at + 1 :]
    if not _LETTER.search(conference):
        return None
    if rest and not (len(rest) == 1 and rest[0].isdecimal() and 1 <= int(rest[0]) <= 12):
        return None
    return Venue(conference, int(words[at]))


def proceeding_name(value: str) -> str:
    """The name of the proceeding `value` names ("NeurIPS 2018 12" gives "NeurIPS 2018"), or
    `value` itself when it names none: how `proceeding(name:)` finds one."""
    venue = parse_proceeding(value)
    return venue.name if venue else value.strip()
