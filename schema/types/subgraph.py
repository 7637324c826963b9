"""Subgraphs for graph views: the nodes and edges around a node, or along a path."""

from __future__ import annotations

from typing import Any

import strawberry

from graphdb.model import NODE_KEYS
from schema.data.cursors import encode_id
from schema.data.values import plain_properties
from schema.types.node import Node


@strawberry.type(description="A relationship in a subgraph, between two of its nodes.")
class SubgraphEdge:
    source: strawberry.ID = strawberry.field(description="Global id of the node it starts at.")
    target: strawberry.ID = strawberry.field(description="Global id of the node it points to.")
    type: str = strawberry.field(description="The relationship type, e.g. AUTHORED_BY, RELATED_TO.")


@strawberry.type(description="A piece of the graph: nodes and the relationships among them.")
class Subgraph:
    nodes: list[Node] = strawberry.field(description="The nodes, the starting node first.")
    edges: list[SubgraphEdge] = strawberry.field(description="The relationships among these nodes.")


def node_from(labels: list[str], props: dict[str, Any]) -> Node | None:
    """The API object of a graph node, by its label; None for nodes that are not entities."""
    from schema.types.author import Author
    from schema.types.dataset import Dataset
    from schema.types.method import Method
    from schema.types.paper import Paper
    from schema.types.repository import Repository
    from schema.types.result import Result
    from schema.types.task import Task

    makers: dict[str, Any] = {
        "Paper": Paper.from_props, "Author": Author.from_props, "Task": Task.from_props,
        "Dataset": Dataset.from_props, "Method": Method.from_props,
        "Repository": Repository.from_props, "Result": Result.from_props,
    }  # fmt: skip
    for label in labels:
        if label in makers:
            node: Node = makers[label](plain_properties(props))
            return node
    return None


def global_id(labels: list[str], props: dict[str, Any]) -> str | None:
    for label in labels:
        if label in NODE_KEYS and label not in ("Area", "Collection"):
            return encode_id(label, str(props[NODE_KEYS[label]]))
    return None


def subgraph_from(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Subgraph:
    ids: dict[str, str] = {}
    made: list[Node] = []
    for raw in nodes:
        node = node_from(raw["labels"], raw["props"])
        gid = global_id(raw["labels"], raw["props"])
        if node is None or gid is None:
            continue
        ids[raw["id"]] = gid
        made.append(node)
    links = [
        SubgraphEdge(
            source=strawberry.ID(ids[e["source"]]),
            target=strawberry.ID(ids[e["target"]]),
            type=e["type"],
        )
        for e in edges
        if e["source"] in ids and e["target"] in ids
    ]
    return Subgraph(nodes=made, edges=links)
