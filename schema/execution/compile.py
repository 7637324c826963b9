"""Whole-request compilation: a query becomes one Cypher statement, its answer the response.

Planned execution still resolves a paper page field by field: a resolver per
list, a Strawberry object per item, a completion per value. For the queries users
send most (a node by its key, its lists and their items' lists, at any depth),
the operation's plan is compiled once more, into

- one statement: the root node found by its key (cypher.WHOLE_*), projected with
  exactly the properties its fields are made from (projection.py), each list a
  `CALL` of the list's own reviewed body (lists.nested_page), each count a
  `CALL` counting as the list's count query does (lists.nested_count);
- a shape: for each response key, how its value comes out of the statement's
  answer, made with the types' own `from_props`, edge makers and id resolvers and
  coerced by the field's GraphQL type, exactly as a resolved value is.

What it does not cover is left out at compile time (`Uncompilable`: the request
goes to the plan) or, when it depends on a request's values, at run time
(`Fallback`: arguments other than a page size, `first` out of range, an id of
another type, a null where the schema promises a value). Errors are never built
here: the plan, and after it graphql-core, report them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from graphql import GraphQLBoolean, GraphQLField, GraphQLID, GraphQLString, Undefined
from graphql.execution.values import get_argument_values

from graphdb.identifiers import normalize_arxiv_id
from schema.data import cypher, lists
from schema.data.cursors import decode_id, encode_cursor
from schema.data.lists import ALL_PROPERTIES, ListSpec
from schema.data.values import plain_properties, plain_value
from schema.errors import UserInputError
from schema.execution.plan import Completion, FieldPlan, Kind, OperationPlan
from schema.execution.run import Fallback
from schema.query import MAKERS
from schema.types.author import CoauthorEdge
from schema.types.connection import Edge, PageInfo, page_size
from schema.types.lookahead import CHILD_LISTS
from schema.types.paper import RelatedPaperEdge
from schema.types.projection import FIELD_PROPERTIES, KEY_PROPERTIES
from schema.types.repository import PaperCodeEdge, RepositoryEdge, edge_flags
from schema.types.result import KEY_FIELDS


class Uncompilable(Exception):
    """The operation uses something compilation does not cover: the plan runs it."""


EdgeMaker = Callable[[str, Any, dict[str, Any]], Any]

# The edges of lists whose edges carry more than a cursor, made as their resolvers make them.
EDGE_MAKERS: Final[Mapping[str, EdgeMaker]] = {
    lists.PAPER_RELATED.name: RelatedPaperEdge.make,
    lists.PAPER_REPOSITORIES.name: lambda c, node, edge: RepositoryEdge(
        cursor=c, node=node, **edge_flags(edge)
    ),
    lists.AUTHOR_COAUTHORS.name: lambda c, node, edge: CoauthorEdge(
        cursor=c, node=node, shared_papers=int(edge["sharedPapers"])
    ),
    lists.REPOSITORY_PAPERS.name: PaperCodeEdge.make,
}


def _plain_edge(cursor: str, node: Any, _edge: dict[str, Any]) -> Any:
    return Edge(cursor=cursor, node=node)


# Result.task and Result.dataset: named by the row; compiled when only their name is asked.
NAMED_BY_ITEM: Final[Mapping[tuple[str, str], tuple[str, str]]] = {
    ("Result", "task"): ("Task", "task_name"),
    ("Result", "dataset"): ("Dataset", "dataset_name"),
}

# Root fields: the type they find and, per argument, the lookup it finds it by.
ROOTS: Final[Mapping[str, tuple[str, Mapping[str, str]]]] = {
    "paper": (
        "Paper",
        {"slug": cypher.WHOLE_PAPER_BY_SLUG, "arxivId": cypher.WHOLE_PAPER_BY_ARXIV_ID},
    ),
    "author": ("Author", {"name": cypher.WHOLE_AUTHOR_BY_NAME}),
    "task": ("Task", {"name": cypher.WHOLE_TASK_BY_NAME}),
    "dataset": ("Dataset", {"name": cypher.WHOLE_DATASET_BY_NAME}),
    "method": ("Method", {"name": cypher.WHOLE_METHOD_BY_NAME}),
    "repository": ("Repository", {"url": cypher.WHOLE_REPOSITORY_BY_URL}),
}


@dataclass(slots=True)
class Values:
    """One request's values: the statement's parameters, and each list's page size."""

    params: dict[str, Any] = field(default_factory=dict)
    limits: dict[int, int] = field(default_factory=dict)


# A response key's value, from the made object and the object's part of the answer.
FieldValue = Callable[[Any, Mapping[str, Any], Values], Any]


@dataclass(slots=True, eq=False)
class ObjectShape:
    """An object's shape; its answer is the map of its properties with its lists and counts
    under `_l<i>` and `_c<i>` (no property of the schema starts with `_`)."""

    type_name: str
    properties: tuple[str, ...]
    fields: list[tuple[str, FieldValue]]
    clauses: list[tuple[str, str]]  # (answer key, the clause binding `<variable>_<key>`)

    def value(self, answer: Mapping[str, Any], values: Values) -> dict[str, Any]:
        made = MAKERS[self.type_name](plain_properties(answer))
        return self.value_of(made, answer, values)

    def value_of(self, made: Any, answer: Mapping[str, Any], values: Values) -> dict[str, Any]:
        return {key: value(made, answer, values) for key, value in self.fields}

    def expression(self, variable: str) -> tuple[str, str]:
        """The object's part of the statement: the clauses that read its lists and counts, and
        the map of its properties and of what they bound.

        Each list is bound by a `CALL` of its own before the map is made: a map that has both
        a property of the object and a list whose body counts (co-authors, by shared papers)
        is refused by Cypher as an aggregation with implicit grouping keys.
        """
        clauses = "".join(clause for _, clause in self.clauses)
        parts = [f".{name}" for name in self.properties]
        parts += [f"{key}: {variable}{key}" for key, _ in self.clauses]
        lists.project(variable, self.properties)  # checks the names
        return clauses, variable + " {" + ", ".join(parts) + "}"


@dataclass(slots=True, eq=False)
class RootField:
    key: str
    field_def: GraphQLField
    plan: FieldPlan
    type_name: str
    lookups: Mapping[str, str]
    shape: ObjectShape | None  # None for __typename
    non_null: bool


@dataclass(slots=True, eq=False)
class CompiledQuery:
    roots: list[RootField]
    # Every list's page size comes from its field's `first`: (list index, field plan).
    page_sizes: list[tuple[int, FieldPlan]]
    statements: dict[tuple[str, ...], str] = field(default_factory=dict)

    def prepare(self, variable_values: Any) -> tuple[str, Values]:
        """The statement and its values for one request; Fallback for what only the plan
        (or graphql-core) answers. Compiled queries find at least one node (compile_operation)."""
        values = Values()
        for index, list_field in self.page_sizes:
            arguments = _arguments(list_field, variable_values)
            if any(v is not None for k, v in arguments.items() if k != "first"):
                raise Fallback("a list with a cursor or a filter")
            try:
                size = page_size(arguments.get("first"))
            except UserInputError as exc:
                raise Fallback("a page size out of range") from exc
            values.limits[index] = size
            values.params[f"lim{index}"] = size + 1  # one more tells whether a next page follows
        lookups = []
        for position, root in enumerate(self.roots):
            if root.shape is None:
                lookups.append("")
                continue
            argument, key = _root_key(root, _arguments(root.plan, variable_values))
            values.params[f"key{position}"] = key
            lookups.append(argument)
        text = self.statements.get(tuple(lookups))
        if text is None:
            text = self.statements[tuple(lookups)] = self._statement(lookups)
        return text, values

    def _statement(self, lookups: list[str]) -> str:
        returns = []
        for position, (root, argument) in enumerate(zip(self.roots, lookups, strict=True)):
            if root.shape is None:
                continue
            lookup = root.lookups[argument].replace("$key", f"$key{position}")
            clauses, expression = root.shape.expression("found")
            returns.append(
                f"COLLECT {{ {lookup}{clauses}\nRETURN {expression} }}[0] AS f{position}"
            )
        return "RETURN " + ",\n       ".join(returns)

    def data(self, record: Mapping[str, Any], values: Values) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for position, root in enumerate(self.roots):
            if root.shape is None:
                data[root.key] = "Query"
                continue
            answer = record[f"f{position}"]
            if answer is None:
                if root.non_null:
                    raise Fallback("null for a non-null field")
                data[root.key] = None
            else:
                data[root.key] = root.shape.value(answer, values)
        return data


def compile_operation(plan: OperationPlan) -> CompiledQuery:
    """The compiled query of a planned operation; Uncompilable when it is not covered."""
    compiler = _Compiler()
    roots = []
    for root in plan.fields:
        if root.completion is None:  # __typename
            roots.append(RootField(root.key, None, root, "Query", {}, None, False))  # type: ignore[arg-type]
            continue
        name = root.nodes[0].name.value
        if name not in ROOTS or root.field_def is None:
            raise Uncompilable(f"root field {name}")
        type_name, lookups = ROOTS[name]
        completion = root.completion
        if completion.kind is not Kind.OBJECT or completion.object_type is None:
            raise Uncompilable(f"root field {name} of another kind")
        shape = compiler.object(type_name, completion, "found", 0)
        roots.append(
            RootField(
                root.key, root.field_def, root, type_name, lookups, shape, completion.non_null
            )
        )
    if all(root.shape is None for root in roots):
        raise Uncompilable("nothing to read")  # `{ __typename }`: the plan sends no statement
    return CompiledQuery(roots, compiler.page_sizes)


class _Compiler:
    def __init__(self) -> None:
        self.page_sizes: list[tuple[int, FieldPlan]] = []

    def object(
        self, type_name: str, completion: Completion, variable: str, depth: int
    ) -> ObjectShape:
        """The shape of an object of `type_name` bound to `variable`, `depth` lists down."""
        table = FIELD_PROPERTIES.get(type_name)
        if table is None or completion.object_type is None:
            raise Uncompilable(f"objects of type {type_name}")
        if completion.object_type.name != type_name:
            raise Uncompilable(f"{completion.object_type.name} where {type_name} was expected")
        properties = set(KEY_PROPERTIES[type_name])
        fields: list[tuple[str, FieldValue]] = []
        clauses: list[tuple[str, str]] = []
        for plan in completion.fields:
            name = plan.nodes[0].name.value
            if plan.completion is None:
                fields.append((plan.key, _constant(type_name)))
                continue
            if name not in table or plan.field_def is None:
                raise Uncompilable(f"{type_name}.{name}")
            if plan.attribute is not None and _is_leaf(plan.completion):
                properties.update(table[name])
                fields.append((plan.key, _attribute(plan.attribute, plan.completion)))
            elif name == "id" and plan.direct is not None and not plan.field_def.args:
                fields.append((plan.key, _self_resolver(plan)))
            elif (type_name, name) in NAMED_BY_ITEM:
                properties.update(table[name])
                fields.append((plan.key, self.named(type_name, name, plan)))
            elif name in CHILD_LISTS.get(type_name, {}):
                spec, _filters = CHILD_LISTS[type_name][name]
                fields.append((plan.key, self.connection(spec, plan, variable, depth + 1, clauses)))
            else:
                raise Uncompilable(f"{type_name}.{name}")
        return ObjectShape(type_name, tuple(sorted(properties)), fields, clauses)

    def named(self, type_name: str, name: str, plan: FieldPlan) -> FieldValue:
        """Result.task / Result.dataset when only their name (or id, __typename) is selected."""
        target, attribute = NAMED_BY_ITEM[(type_name, name)]
        completion = plan.completion
        assert completion is not None
        if completion.kind is not Kind.OBJECT:
            raise Uncompilable(f"{type_name}.{name} of another kind")
        selected = {f.nodes[0].name.value for f in completion.fields}
        if not selected <= KEY_FIELDS:
            raise Uncompilable(f"{type_name}.{name} with more than its name")
        shape = self.object(target, completion, "unused", 0)
        make, non_null = MAKERS[target], completion.non_null

        def value(made: Any, _answer: Mapping[str, Any], values: Values) -> Any:
            named = getattr(made, attribute)
            if named is None:
                if non_null:
                    raise Fallback("null for a non-null field")
                return None
            return shape.value_of(make({"name": named}), {}, values)

        return value

    def connection(
        self,
        spec: ListSpec,
        plan: FieldPlan,
        variable: str,
        depth: int,
        clauses: list[tuple[str, str]],
    ) -> FieldValue:
        """A list field of the object bound to `variable`; its items are bound to `n<depth>`
        and its clauses go to `clauses`."""
        completion = plan.completion
        assert completion is not None and plan.field_def is not None
        if completion.kind is not Kind.OBJECT or completion.object_type is None:
            raise Uncompilable(f"list {spec.name} of another kind")
        node_type = spec.node_type
        if spec.node != ALL_PROPERTIES or node_type is None:
            raise Uncompilable(f"list {spec.name} reads more than its items")
        connection_type = completion.object_type.name
        parts = [(f.key, f.nodes[0].name.value, f) for f in completion.fields]
        names = [name for _, name, _ in parts]
        unknown = set(names) - {"nodes", "edges", "pageInfo", "totalCount", "__typename"}
        if unknown:
            raise Uncompilable(f"{connection_type} {sorted(unknown)}")
        if names.count("nodes") + names.count("edges") > 1:
            raise Uncompilable("a list's items selected twice")
        index = len(self.page_sizes)
        self.page_sizes.append((index, plan))
        items_key, count_key = f"_l{index}", f"_c{index}"
        item_variable = f"n{depth}"
        node_shape = ObjectShape(node_type, KEY_PROPERTIES[node_type], [], [])
        edge_fields: list[tuple[str, FieldValue]] = []  # in the order of the selection
        for _key, name, part in parts:
            part_completion = part.completion
            if name == "nodes":
                assert part_completion is not None
                node_shape = self.object(node_type, _item(part_completion), item_variable, depth)
            elif name == "edges":
                assert part_completion is not None
                edge = _item(part_completion)
                assert edge.object_type is not None
                for edge_part in edge.fields:
                    edge_name = edge_part.nodes[0].name.value
                    if edge_part.completion is None:
                        edge_fields.append((edge_part.key, _constant(edge.object_type.name)))
                    elif edge_name == "node":
                        node_shape = self.object(
                            node_type, edge_part.completion, item_variable, depth
                        )
                        edge_fields.append((edge_part.key, _node_of_edge))
                    elif edge_part.attribute is not None and _is_leaf(edge_part.completion):
                        edge_fields.append(
                            (edge_part.key, _attribute(edge_part.attribute, edge_part.completion))
                        )
                    else:
                        raise Uncompilable(f"{edge.object_type.name}.{edge_name}")
            elif name == "pageInfo":
                assert part_completion is not None
                for info_part in part_completion.fields:
                    if info_part.completion is not None and info_part.attribute is None:
                        raise Uncompilable("PageInfo field with a resolver")
        reads_items = any(name not in ("totalCount", "__typename") for name in names)
        cursors = "edges" in names or "pageInfo" in names
        edges_made = "edges" in names and spec.name in EDGE_MAKERS  # their makers read the edge
        wrapped = cursors or edges_made  # else an item is its node alone
        if reads_items:
            item_clauses, item = node_shape.expression(item_variable)
            if wrapped:
                item = f"{{n: {item}, e: {'edge' if edges_made else 'null'}, s: sortKey}}"
            page = lists.nested_page(
                spec,
                variable,
                f"$lim{index}",
                item_variable,
                item_clauses,
                item,
                variable + items_key,
            )
            clauses.append((items_key, page))
        if "totalCount" in names:
            clauses.append((count_key, lists.nested_count(spec, variable, variable + count_key)))
        make_edge = EDGE_MAKERS.get(spec.name, _plain_edge)

        def value(_made: Any, answer: Mapping[str, Any], values: Values) -> Any:
            limit = values.limits[index]
            found = answer[items_key] if reads_items else []
            page, has_next = found[:limit], len(found) > limit
            marks = (
                [encode_cursor(spec.name, [plain_value(v) for v in i["s"]]) for i in page]
                if cursors
                else []
            )
            out: dict[str, Any] = {}
            for key, name, part in parts:
                if name == "__typename":
                    out[key] = connection_type
                elif name == "totalCount":
                    out[key] = int(answer[count_key])
                elif name == "nodes":
                    out[key] = [node_shape.value(i["n"] if wrapped else i, values) for i in page]
                elif name == "edges":
                    out[key] = [
                        _edge(node_shape, make_edge, edge_fields, mark, item, values)
                        for mark, item in zip(marks, page, strict=True)
                    ]
                else:  # pageInfo
                    info = PageInfo(
                        has_next_page=has_next,
                        has_previous_page=False,
                        start_cursor=marks[0] if marks else None,
                        end_cursor=marks[-1] if marks else None,
                    )
                    assert part.completion is not None
                    out[key] = {
                        f.key: (
                            "PageInfo"
                            if f.completion is None
                            else _leaf(f.completion, getattr(info, f.attribute))  # type: ignore[arg-type]
                        )
                        for f in part.completion.fields
                    }
            return out

        return value


def _edge(
    node_shape: ObjectShape,
    make_edge: EdgeMaker,
    edge_fields: list[tuple[str, FieldValue]],
    mark: str,
    item: Mapping[str, Any],
    values: Values,
) -> dict[str, Any]:
    """One edge: made as its list's resolver makes it, its node shaped with its own answer."""
    answer = item["n"]
    node = MAKERS[node_shape.type_name](plain_properties(answer))
    made = make_edge(mark, node, plain_properties(item["e"]) if item["e"] is not None else {})
    return {
        key: (
            node_shape.value_of(node, answer, values)
            if value is _node_of_edge
            else value(made, item, values)
        )
        for key, value in edge_fields
    }


def _node_of_edge(_made: Any, _answer: Mapping[str, Any], _values: Values) -> Any:
    raise AssertionError("an edge's node is shaped by its connection")  # a marker only


def _item(completion: Completion) -> Completion:
    """The object completion of a list of objects (edges, nodes)."""
    item = completion.item if completion.kind is Kind.LIST else None
    if item is None or item.kind is not Kind.OBJECT:
        raise Uncompilable("a list of something else than objects")
    return item


def _is_leaf(completion: Completion) -> bool:
    if completion.kind is Kind.LIST:
        return completion.item is not None and completion.item.kind is Kind.LEAF
    return completion.kind is Kind.LEAF


def _leaf(completion: Completion, value: Any) -> Any:
    """A value as graphql-core completes a leaf or a list of leaves; Fallback for an error."""
    if value is None:
        if completion.non_null:
            raise Fallback("null for a non-null field")
        return None
    if completion.kind is Kind.LIST:
        item = completion.item
        assert item is not None
        return [_leaf(item, element) for element in value]
    coerced = completion.coerce(value)  # type: ignore[misc]
    if coerced is None or coerced is Undefined:
        raise Fallback("a leaf value that does not coerce")
    return coerced


def _constant(value: str) -> FieldValue:
    return lambda _made, _answer, _values: value


# Scalars whose coercion returns a value of this Python type as it is (graphql-core's own).
_UNCHANGED: Final[Mapping[Any, type]] = {
    GraphQLString.coerce_output_value: str,
    GraphQLID.coerce_output_value: str,
    GraphQLBoolean.coerce_output_value: bool,
}


def _attribute(attribute: str, completion: Completion) -> FieldValue:
    unchanged = _UNCHANGED.get(completion.coerce) if completion.kind is Kind.LEAF else None
    if unchanged is None:
        return lambda made, _answer, _values: _leaf(completion, getattr(made, attribute))

    def value(made: Any, _answer: Mapping[str, Any], _values: Values) -> Any:
        found = getattr(made, attribute)
        return found if type(found) is unchanged else _leaf(completion, found)

    return value


def _self_resolver(plan: FieldPlan) -> FieldValue:
    """A resolver of the object alone (a node's id), called as planned execution calls it."""
    direct, completion = plan.direct, plan.completion
    assert direct is not None and completion is not None
    if direct.info_name is not None or direct.source_names or not direct.passes_self:
        raise Uncompilable("a resolver that needs more than its object")
    return lambda made, _answer, _values: _leaf(completion, direct.call(made, None, {}))


def _arguments(plan: FieldPlan, variable_values: Any) -> dict[str, Any]:
    assert plan.field_def is not None
    return get_argument_values(plan.field_def, plan.nodes[0], variable_values)


def _root_key(root: RootField, arguments: dict[str, Any]) -> tuple[str, Any]:
    """Which lookup finds the root, and the key it is given."""
    given = [(name, value) for name, value in arguments.items() if value is not None]
    if len(given) != 1:
        raise Fallback("not exactly one key")
    ((argument, value),) = given
    if argument == "id":
        try:
            kind, key = decode_id(str(value))
        except UserInputError as exc:
            raise Fallback("not an id") from exc
        if kind != root.type_name:
            raise Fallback("the id of another type")
        argument, value = next(iter(root.lookups)), key  # the type's own key comes first
    if argument == "arxivId":
        value = normalize_arxiv_id(value)
        if value is None:
            raise Fallback("not an arXiv id")
    if argument not in root.lookups:
        raise Fallback(f"a lookup by {argument}")
    return argument, value
