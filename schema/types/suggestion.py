"""Typeahead suggestions: a node found by the words typed so far, with how well it matched."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.types.node import Node


@strawberry.enum(description="The kinds of node `suggest` finds.")
class SuggestType(Enum):
    PAPER = strawberry.enum_value("PAPER", description="A paper, by its title.")
    AUTHOR = strawberry.enum_value("AUTHOR", description="An author, by name.")
    TASK = strawberry.enum_value("TASK", description="A task, by name.")
    DATASET = strawberry.enum_value("DATASET", description="A dataset, by name.")
    METHOD = strawberry.enum_value("METHOD", description="A method, by name.")


@strawberry.type(description="A node whose name matches the words typed so far.")
class Suggestion:
    type: SuggestType = strawberry.field(description="The kind of node.")
    id: strawberry.ID = strawberry.field(description="The node's global id.")
    name: str = strawberry.field(description="The paper's title, or the name.")
    score: float = strawberry.field(
        description=(
            "How well the name matches: 3 the name is the query, 2 the name starts with the "
            "query's words in order, 1 each word of the query starts a word of the name (case, "
            "accents and punctuation aside). Suggestions are ranked by it, then by popularity."
        )
    )
    node: Node = strawberry.field(description="The node itself.")
