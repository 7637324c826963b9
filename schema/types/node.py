"""The Node interface: every entity has a global id, and `node(id:)` fetches it again."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An entity with a global id; `node(id:)` refetches any of them.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="The global id of this entity (opaque, stable)."
    )
