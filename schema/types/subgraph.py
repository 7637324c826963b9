"""Subgraphs for graph views: the nodes and edges around a node, or along a path."""

from __future__ import annotations

import strawberry

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
