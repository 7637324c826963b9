"""How names are indexed for the typeahead (`suggest`), shared by the loader (which writes the
indexed properties) and the API (which writes the query), so both normalise alike.

A suggested node (a paper by its title; an author, task, dataset or method by its name) keeps
two properties in the full-text index `suggest` (whitespace analyzer: this module makes the
tokens, Lucene only splits them):

- `suggest`: the name's words, folded (case, accents and ligatures do not matter; anything that
  is not a letter or a digit separates words), then the whole name as one token: "Vision
  Transformer" is `vision transformer _vision_transformer`. The words answer word-prefix
  matches; the `_` token answers "the name is the query" and "the name starts with the query's
  words", and no word of a query can match it (a query word never starts with `_`).
- `suggestTags`: the node's type (`paper`, `task`, ...) and its popularity written in binary,
  one token per bit set (`b00`, `b03`, ...): a prefix query is scored by its boost alone, so a
  query with one clause per bit, boosted 2^bit, adds exactly the popularity to the score.

A query's score is then exact integer arithmetic (float32 is exact below 2^24): one per required
clause, plus `EXACT` when the name is the query, plus `START` when it starts with the query's
words, plus the popularity (at most `MAX_POPULARITY`). Lucene's own top-k by that score is the
ranking: how well the name matches, then popularity.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

POPULARITY_BITS: Final = 20
MAX_POPULARITY: Final = 1_000_000  # below 2^20, with room for the required clauses
START: Final = 2**20
EXACT: Final = 2**21
MAX_KEY_CHARS: Final = 250  # under the tokenizer's 255: a longer token would be split
MAX_WORD_CHARS: Final = 100

# Letters NFKD does not decompose into a base letter and a mark.
_FOLDS: Final = str.maketrans(
    {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "\u0131": "i", "þ": "th", "æ": "ae", "œ": "oe",
     "ŋ": "n", "ŧ": "t"}
)  # fmt: skip
_WORD: Final = re.compile(r"[^\W_]+")


def suggest_words(text: str) -> list[str]:
    """The words of a name or a query: casefolded, accents and ligatures folded, split on every
    character that is not a letter or a digit ("Schölkopf's GPT-3" gives scholkopf, s, gpt, 3)."""
    folded = text.casefold()
    if folded.isascii():  # nothing to decompose or fold (most names): the same words, sooner
        plain = folded
    else:
        decomposed = unicodedata.normalize("NFKD", folded)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLDS)
    return [word[:MAX_WORD_CHARS] for word in _WORD.findall(plain)]


def suggest_text(name: str) -> str:
    """The `suggest` property of a node named `name` ("" when it has no word)."""
    words = suggest_words(name)
    if not words:
        return ""
    return " ".join(words) + " _" + "_".join(words)[:MAX_KEY_CHARS]


@functools.lru_cache(maxsize=4096)  # a few values serve millions of nodes
def suggest_tags(kind: str, popularity: int) -> str:
    """The `suggestTags` property: the type's token, then a token per bit of the popularity."""
    value = max(0, min(popularity, MAX_POPULARITY))
    return " ".join([kind, *(f"b{bit:02d}" for bit in range(POPULARITY_BITS) if value >> bit & 1)])


def match_score(score: float) -> float:
    """How well a name matched, from the index's score: 3 the name is the query, 2 it starts
    with the query's words, 1 each word of the query starts one of its words."""
    if score >= EXACT:
        return 3.0
    if score >= START:
        return 2.0
    return 1.0
