"""A search box's words as a Lucene query: what the user typed is searched as text."""

from __future__ import annotations

_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')


def lucene_query(text: str) -> str:
    """The user's words as plain Lucene terms: special characters escaped, operators lowercased."""
    escaped = "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in text)
    words = [w.lower() if w in {"AND", "OR", "NOT", "TO"} else w for w in escaped.split()]
    return " ".join(words)
