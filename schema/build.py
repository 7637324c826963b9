"""The Strawberry schema, assembled from the root types and the request-level extensions."""

from __future__ import annotations

from pathlib import Path

import strawberry

from schema.errors import ErrorPolicy
from schema.execution.executor import PlannedExecutor
from schema.limits import limit_extensions
from schema.query import Query

SDL_PATH = Path(__file__).with_name("schema.graphql")


def build_schema(planned: bool = True) -> strawberry.Schema:
    """The schema; `planned=False` executes every request with graphql-core's own executor."""
    # Extensions are passed as classes: Strawberry makes one per operation, so no
    # request state is shared between concurrent requests.
    return strawberry.Schema(
        query=Query,
        extensions=[*limit_extensions(), ErrorPolicy],
        execution_context_class=PlannedExecutor if planned else None,
    )


def sdl() -> str:
    return build_schema().as_str() + "\n"
