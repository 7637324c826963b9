"""A search box's words as a Lucene query: what the user typed is searched as text."""

from __future__ import annotations

from collections.abc import Sequence

from graphdb.suggest import EXACT, POPULARITY_BITS, START

_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')


def lucene_query(text: str) -> str:
    """The user's words as plain Lucene terms: special characters escaped, operators lowercased."""
    escaped = "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in text)
    words = [w.lower() if w in {"AND", "OR", "NOT", "TO"} else w for w in escaped.split()]
    return " ".join(words)


# One clause per bit of a node's popularity, each scored by its boost alone (graphdb/suggest.py).
_POPULARITY = " ".join(f"suggestTags:b{bit:02d}*^{2**bit}" for bit in range(POPULARITY_BITS))


def suggest_query(words: Sequence[str], kinds: Sequence[str]) -> str:
    """The typeahead's query over the `suggest` index: every word must start a word of the name
    (and the node be of one of `kinds`, when given); the name being the words, or starting with
    them in order, adds EXACT or START; the popularity adds itself. `words` come from
    graphdb.suggest.suggest_words: letters and digits only, so nothing in them is Lucene syntax
    (checked)."""
    if not words or not all(word.isalnum() for word in words):
        raise ValueError("suggest_query takes the words of suggest_words")
    required = [f"+suggest:{word}*" for word in words]
    if kinds:
        required.append(f"+suggestTags:/{'|'.join(kinds)}/")
    exact = f"suggest:/_{'_'.join(words)}/^{EXACT}"
    start = f"suggest:/_{'[^_]*_'.join(words)}.*/^{START}"
    return " ".join([*required, exact, start, _POPULARITY])
