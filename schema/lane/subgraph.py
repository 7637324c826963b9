"""Shaping a subgraph (a neighbourhood or a path): its nodes by their labels, its edges
between the nodes it shows. The statement returns each node's labels and properties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graphql import FieldNode, GraphQLObjectType

from schema.data.cursors import encode_id
from schema.lane.shape import FieldShape, Path, Shaper, Sink, complete, complete_list, constant
from schema.model import ENTITY_TYPES, TYPES

if TYPE_CHECKING:
    from schema.lane.translate import Ctx


def subgraph_shaper(ctx: Ctx, subgraph_type: GraphQLObjectType, nodes: Sequence[FieldNode],
                    empty: bool) -> tuple[str, str, Shaper]:  # fmt: skip
    """The clauses that read what each member's selection lists (bound to `x`, per type: an
    `OPTIONAL CALL` on members of that label), the map of what they bound, and the shaper.
    `empty`: a subgraph whose start is not in the graph is empty (else null)."""
    from schema.lane.translate import node_object

    fields = ctx.fields(subgraph_type, nodes)
    node_fields = [n for key_nodes in fields.values() for n in key_nodes if n.name.value == "nodes"]
    made: dict[str, Shaper] = {}
    member, owns = "", []
    for type_name in ENTITY_TYPES:
        selected = ctx.fields(ctx.object_type(type_name), node_fields)
        part, made[type_name] = node_object(ctx, type_name, "x", selected)
        if part.clauses:
            name = ctx.var("o")
            entries = ", ".join(f"{k}: {e}" for k, e in part.entries)
            member += (f"\n    OPTIONAL CALL (x) {{ WITH x WHERE x:{type_name}{''.join(part.clauses)}\n"
                       f"      RETURN {{{entries}}} AS {name} }}")  # fmt: skip
            owns.append(name)
    own = f"coalesce({', '.join(owns)})" if owns else "null"
    edge_type = ctx.object_type("SubgraphEdge")
    shapes: list[FieldShape] = []
    for key, key_nodes in fields.items():
        name = key_nodes[0].name.value
        if name == "__typename":
            shapes.append(FieldShape(key, constant("Subgraph"), True, key_nodes, "Subgraph", name))
        elif name == "nodes":
            shapes.append(FieldShape(key, _nodes(made), True, key_nodes, "Subgraph", name))
        else:
            edge_fields = ctx.fields(edge_type, key_nodes)
            shapes.append(FieldShape(key, _edges(edge_fields), True, key_nodes, "Subgraph", name))

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        if answer is None:
            return complete(shapes, {"nodes": [], "edges": []}, path, sink) if empty else None
        return complete(shapes, _entities(answer), path, sink)

    return member, own, shape


def _entities(answer: Any) -> dict[str, Any]:
    """The nodes that are entities, with their global ids, and the edges among them."""
    ids: dict[str, str] = {}
    shown = []
    for raw in answer["nodes"]:
        type_name = next((label for label in raw["labels"] if label in ENTITY_TYPES), None)
        if type_name is None:
            continue
        key = TYPES[type_name].key or ""
        ids[raw["id"]] = encode_id(type_name, str(raw["props"][key]))
        shown.append((type_name, {**raw["props"], **(raw.get("own") or {})}))
    edges = [
        {"source": ids[e["source"]], "target": ids[e["target"]], "type": e["type"]}
        for e in answer["edges"]
        if e["source"] in ids and e["target"] in ids
    ]
    return {"nodes": shown, "edges": edges}


def _nodes(made: dict[str, Shaper]) -> Shaper:
    def one(value: Any, path: Path, sink: Sink) -> Any:
        type_name, props = value
        return made[type_name](props, path, sink)

    return lambda a, p, s: complete_list(a["nodes"], one, True, p, s)


def _edges(fields: dict[str, list[FieldNode]]) -> Shaper:
    def one(edge: Any, _path: Path, _sink: Sink) -> Any:
        values = {**edge, "__typename": "SubgraphEdge"}
        return {key: values[key_nodes[0].name.value] for key, key_nodes in fields.items()}

    return lambda a, p, s: complete_list(a["edges"], one, True, p, s)
