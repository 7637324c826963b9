"""The typeahead (`suggest`): its block of the statement and its shaper.

The index's top hits (schema/data/cypher.py SUGGEST_ROWS) are read with, for each kind of node
asked for, an `OPTIONAL CALL` on the hits of that label projecting what the selection of
`node` (and the suggestion's own id and name) reads of them, with the lists it asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from graphql import FieldNode, GraphQLField, GraphQLObjectType, get_named_type

from graphdb.suggest import match_score, suggest_words
from schema.data import cypher
from schema.data.cursors import encode_id
from schema.errors import UserInputError
from schema.lane.lucene import suggest_query
from schema.lane.shape import Path, Shaper, Sink, complete_list, constant
from schema.limits import setting
from schema.model import SUGGESTED, TYPES
from schema.types.connection import page_size

if TYPE_CHECKING:
    from schema.lane.translate import Ctx

DEFAULT_SUGGESTIONS = 8
CANDIDATES = 16  # hits Lucene ranks beyond `first`, whose ties are then ordered by name


def suggest_block(ctx: Ctx, args: Mapping[str, Any], field_def: GraphQLField,
                  nodes: Sequence[FieldNode], column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    from schema.lane.translate import node_object, rename_params

    first = page_size(args.get("first") if args.get("first") is not None else DEFAULT_SUGGESTIONS)
    words = suggest_words(str(args["query"]))
    if len(words) > ctx.limits.search_words:
        raise UserInputError(f"query: {len(words):,} words; at most {ctx.limits.search_words} "
                             f"({setting('search_words')})")  # fmt: skip
    kinds = list(dict.fromkeys(args.get("types") or SUGGESTED))
    if not words or first == 0:
        return None, constant([])
    labels = {SUGGESTED[kind][0]: kind for kind in kinds}
    suggestion = get_named_type(field_def.type)
    assert isinstance(suggestion, GraphQLObjectType)
    fields = ctx.fields(suggestion, nodes)
    node_fields = [n for key_nodes in fields.values() for n in key_nodes if n.name.value == "node"]
    members, owns, made = "", [], {}
    for label, kind in labels.items():
        part, made[label] = node_object(
            ctx, label, "x", ctx.fields(ctx.object_type(label), node_fields)
        )
        name_prop = SUGGESTED[kind][1]
        if name_prop not in part.props:
            part.props.append(name_prop)
        own = ctx.var("o")
        members += (f"\n  OPTIONAL CALL (x) {{ WITH x WHERE x:{label}{''.join(part.clauses)}\n"
                    f"    RETURN {part.map('x')} AS {own} }}")  # fmt: skip
        owns.append(own)
    every = len(kinds) == len(SUGGESTED)
    query = suggest_query(words, [] if every else [k.lower() for k in kinds])
    rows = rename_params(cypher.SUGGEST_ROWS, {
        "query": ctx.param(query), "first": ctx.param(first),
        "candidates": ctx.param(first + CANDIDATES),
    })  # fmt: skip
    block = (f"CALL () {{\n  {rows}{members}\n  RETURN collect({{labels: labels(x), score: score, "
             f"own: coalesce({', '.join(owns)})}}) AS {column} }}")  # fmt: skip
    return block, _shaper(ctx, fields, labels, made)


def _shaper(ctx: Ctx, fields: Mapping[str, list[FieldNode]], labels: Mapping[str, str],
            made: Mapping[str, Shaper]) -> Shaper:  # fmt: skip
    def one(row: Any, path: Path, sink: Sink) -> Any:
        label = next(label for label in row["labels"] if label in labels)
        kind, own = labels[label], row["own"]
        values: dict[str, Callable[[], Any]] = {
            "__typename": lambda: "Suggestion",
            "type": lambda: kind,
            "id": lambda: encode_id(label, str(own[TYPES[label].key or ""])),
            "name": lambda: own[SUGGESTED[kind][1]],
            "score": lambda: match_score(float(row["score"])),
        }
        out = {}
        for key, key_nodes in fields.items():
            name = key_nodes[0].name.value
            out[key] = made[label](own, (path, key), sink) if name == "node" else values[name]()
        return out

    return lambda answer, path, sink: complete_list(answer or [], one, True, path, sink)
