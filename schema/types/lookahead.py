"""Lookahead: a root field asks for its children's lists in its own statement.

Without it, `paper(...) { authors tasks results ... }` costs two round trips:
the paper, then (one statement, level.py) its lists. A root resolver reads its
selection, and in the same turn as its own lookup asks for the pages its child
fields will ask for: the same PageArgs, so the same DataLoaders, whose cached
answers the children then find. The level batcher sends the lookup and the
lists as one statement.

When the root is found by another key than its lists' (a paper by arXiv id,
whose lists go by slug), the lists are asked for through that key and filed
under the paper's own key once it is known.

Only direct child fields are planned (not those inside fragments), and a child
whose arguments are invalid is left to its resolver, which reports the error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from schema.context import Info
from schema.data import lists
from schema.data.batch import PageArgs
from schema.data.lists import ListSpec
from schema.errors import UserInputError
from schema.types.connection import page_args, selects_items, selects_total
from schema.types.selection import child_fields

# A type's list fields: GraphQL name -> the list and the arguments that filter it, exactly as
# the field's resolver passes them to page_args.
CHILD_LISTS: Final[Mapping[str, Mapping[str, tuple[ListSpec, tuple[str, ...]]]]] = {
    "Paper": {
        "authors": (lists.PAPER_AUTHORS, ()),
        "tasks": (lists.PAPER_TASKS, ()),
        "methods": (lists.PAPER_METHODS, ()),
        "datasets": (lists.PAPER_DATASETS, ()),
        "repositories": (lists.PAPER_REPOSITORIES, ("officialOnly",)),
        "results": (lists.PAPER_RESULTS, ("task", "dataset")),
        "related": (lists.PAPER_RELATED, ()),
    },
    "Author": {
        "papers": (lists.AUTHOR_PAPERS, ()),
        "coauthors": (lists.AUTHOR_COAUTHORS, ()),
        "tasks": (lists.AUTHOR_TASKS, ()),
    },
    "Task": {
        "subtasks": (lists.TASK_SUBTASKS, ()),
        "papers": (lists.TASK_PAPERS, ()),
        "datasets": (lists.TASK_DATASETS, ()),
        "leaderboards": (lists.TASK_LEADERBOARDS, ()),
    },
    "Dataset": {
        "tasks": (lists.DATASET_TASKS, ()),
        "papers": (lists.DATASET_PAPERS, ()),
        "leaderboards": (lists.DATASET_LEADERBOARDS, ()),
    },
    "Method": {"papers": (lists.METHOD_PAPERS, ())},
    "Repository": {"papers": (lists.REPOSITORY_PAPERS, ())},
    "Leaderboard": {"rows": (lists.LEADERBOARD_ROWS, ())},
}


@dataclass(frozen=True)
class PlannedList:
    args: PageArgs
    items: bool  # the child selects edges or nodes
    total: bool  # the child selects totalCount


def planned_lists(info: Info, type_name: str) -> list[PlannedList]:
    """The pages and counts the child fields of this root field will ask for."""
    fields = CHILD_LISTS.get(type_name, {})
    planned = []
    children = child_fields(info)
    for child in children:
        if child.name not in fields:
            continue
        spec, filter_names = fields[child.name]
        given = child.arguments
        # A field selected twice under one name is one field: its resolver sees both nodes.
        selection = [c.node for c in children if c.response_key == child.response_key]
        try:
            args = page_args(
                spec,
                _integer(given.get("first")),
                given.get("after"),
                {name: given.get(name) for name in filter_names},
                selection=selection,
            )
        except (UserInputError, ValueError, TypeError):
            continue  # left to the child's resolver, which says what is wrong
        items, total = selects_items(child.selections), selects_total(child.selections)
        if items or total:
            planned.append(PlannedList(args, items, total))
    return planned


def start_child_lists(info: Info, type_name: str, key: Any) -> None:
    """Ask now for the child lists of a root found by its own key (slug, name, url)."""
    data = info.context.data
    for plan in planned_lists(info, type_name):
        data.start(plan.args, key, items=plan.items, total=plan.total)


FileUnder = Callable[[Any], Awaitable[None]]


async def file_child_lists(filers: list[FileUnder], own_key: Any) -> None:
    for file_under in filers:
        await file_under(own_key)


def start_child_lists_via(info: Info, type_name: str, parent: str, key: Any) -> list[FileUnder]:
    """Ask now for the child lists of a root found by another key; file them with
    `file_child_lists(returned, own_key)` once the root's own key is known."""
    data = info.context.data
    return [
        data.start_via(plan.args, parent, key, items=plan.items, total=plan.total)
        for plan in planned_lists(info, type_name)
    ]


def _integer(value: Any) -> int | None:
    """A literal Int argument arrives as its text; a variable's value as an int."""
    return None if value is None else int(value)
