"""The typeahead's words (graphdb/suggest.py): names and queries fold alike, whatever their script."""

from __future__ import annotations

import pytest

from graphdb.suggest import suggest_text, suggest_words


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Vision Transformer", ["vision", "transformer"]),  # plain ASCII: the quick path
        ("GPT-3: Language Models_are", ["gpt", "3", "language", "models", "are"]),
        ("Schölkopf's GPT-3", ["scholkopf", "s", "gpt", "3"]),  # an accent goes
        ("ÆON Łódź ﬁne-tuning", ["aeon", "lodz", "fine", "tuning"]),  # folds and a ligature
        ("STRASSE Straße", ["strasse", "strasse"]),  # casefold, not lower
        ("e\u0301t\u00e9", ["ete"]),  # a combining accent and a precomposed one
        ("", []),
        ("--- ...", []),
    ],
)
def test_words_are_folded_alike_for_ascii_and_other_names(name: str, words: list[str]) -> None:
    assert suggest_words(name) == words


def test_the_text_ends_with_the_whole_name_as_one_token() -> None:
    assert suggest_text("Vision Transformer") == "vision transformer _vision_transformer"
    assert suggest_text("Łódź NLP") == "lodz nlp _lodz_nlp"
    assert suggest_text("!!!") == ""
