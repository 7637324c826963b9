"""The Author type."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="A person who wrote papers, identified by name as in the archive.")
class Author:
    name: str = strawberry.field(description="The author's name as the archive spells it.")

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Author:
        return cls(name=props["name"])
