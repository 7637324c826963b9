"""schema/schema.graphql is the published contract: it must match the code."""

from __future__ import annotations

from schema.build import SDL_PATH, sdl


def test_exported_sdl_matches_the_code() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == sdl(), (
        "schema/schema.graphql is out of date: run `papers-graph schema > schema/schema.graphql`"
    )
