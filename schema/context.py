"""The typed per-request context that resolvers read through `Info`."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry

from schema.data.batch import DataAccess


@dataclass
class Context:
    data: DataAccess
    request_id: str


Info = strawberry.Info[Context, None]
