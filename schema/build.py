"""The Strawberry schema, assembled from the root types and the request-level extensions."""

from __future__ import annotations

from pathlib import Path

import strawberry

from schema.errors import ErrorPolicy
from schema.execution.executor import CompiledExecutor, PlannedExecutor
from schema.limits import limit_extensions
from schema.query import Query

SDL_PATH = Path(__file__).with_name("schema.graphql")


def build_schema(planned: bool = True, compiled: bool = True) -> strawberry.Schema:
    """The schema; `planned=False` executes every request with graphql-core's own executor,
    `compiled=False` every planned one field by field (schema/execution)."""
    executor = (CompiledExecutor if compiled else PlannedExecutor) if planned else None
    # Extensions are passed as classes: Strawberry makes one per operation, so no
    # request state is shared between concurrent requests.
    return strawberry.Schema(
        query=Query,
        extensions=[*limit_extensions(), ErrorPolicy],
        execution_context_class=executor,
    )


def sdl() -> str:
    return build_schema().as_str() + "\n"
