"""The Strawberry schema: what `papers-graph schema` prints (schema/schema.graphql) and GraphiQL
shows. Requests are answered by schema/lane, which also checks limits and shapes errors."""

from __future__ import annotations

from pathlib import Path

import strawberry

from schema.query import Query
from schema.types.submission import Mutation

SDL_PATH = Path(__file__).with_name("schema.graphql")


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, mutation=Mutation)


def sdl() -> str:
    return build_schema().as_str() + "\n"
