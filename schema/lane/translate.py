"""Translation: one operation with its variables becomes one Cypher statement and a shape.

Every object of the response is a variable of the statement. Its stored fields are
properties of a map projection; each of its lists (a connection, a link, a leaderboard's
rows) is a `CALL` that binds the list before the map is made (Cypher refuses a map whose
entries aggregate next to plain properties). Each root field is one `OPTIONAL CALL` that
returns one row, so the statement returns one record with a column per root field.

The Cypher texts are the reviewed ones of schema/data (lists.py, cypher.py) and of the
model; client values are parameters only (`Ctx.param`), and names of variables are made
here (`Ctx.var`). A field whose arguments are wrong is not translated: its shaper raises
the error where the field shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    ObjectValueNode,
    VariableNode,
    VariableValues,
    get_argument_values,
    get_named_type,
)

from graphdb import counts as graph_counts
from graphdb.identifiers import normalize_arxiv_id
from graphdb.list_counts import Kept, read_count
from schema.data import cypher, lists
from schema.data.cursors import decode_cursor, decode_id, encode_cursor, encode_id
from schema.data.lists import ListSpec, SortKey, count_body, items_body, list_body, root_spec
from schema.errors import BAD_USER_INPUT, UserInputError, shown
from schema.filters import (
    DATED_ANCHORS,
    NAME_PREDICATES,
    PAPER_PREDICATES,
    compile_where,
    paper_list_anchor,
    paper_list_start,
)
from schema.lane.collect import Fields, collect
from schema.lane.shape import (
    FieldError,
    FieldShape,
    NullBubble,
    Path,
    Shaper,
    Sink,
    complete,
    complete_list,
    constant,
    entry,
    failing,
    leaf,
)
from schema.limits import (
    HIT_COUNT_MAX,
    MAX_NEIGHBORHOOD,
    MAX_NODE_IDS,
    MAX_PATH_HOPS,
    Limits,
    setting,
)
from schema.model import (
    CONNECTION_FIELDS,
    ENTITY_TYPES,
    NODE_TYPES,
    ROOTS,
    TYPES,
    Board,
    ByYear,
    Composite,
    Computed,
    Embedded,
    GlobalId,
    GraphCount,
    Link,
    Lookup,
    NamedNode,
    Page,
    RootList,
    Stored,
)
from schema.types.connection import page_size

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_KEY_FIELDS = {"name", "id", "__typename"}


def rename_params(text: str, names: Mapping[str, str]) -> str:
    """`text` with each `$name` of `names` replaced by its new name (ours are fixed texts)."""
    return _PARAM.sub(lambda m: "$" + names.get(m.group(1), m.group(1)), text)


@dataclass(frozen=True)
class Slot:
    """A parameter made from one variable: `make` turns the variable's value into the
    parameter, or raises UserInputError (then the request is translated anew, to answer
    the error where the field shows)."""

    variable: str
    make: Callable[[Any], Any]


def rebind(slots: Mapping[str, Slot], params: Mapping[str, Any],
           values: Mapping[str, Any]) -> dict[str, Any] | None:  # fmt: skip
    """A kept translation's parameters for other values of its slots' variables; None when a
    value does not make a parameter (null, or not a valid key)."""
    remade = dict(params)
    for name, slot in slots.items():
        value = values.get(slot.variable)
        if value is None:
            return None
        try:
            remade[name] = slot.make(value)
        except UserInputError:
            return None
    return remade


def _variable_of(nodes: Sequence[FieldNode], argument: str) -> str | None:
    """The variable an argument is given by, when the field is asked once with `$name`."""
    if len(nodes) != 1:
        return None
    for given in nodes[0].arguments or ():
        if given.name.value == argument and isinstance(given.value, VariableNode):
            return given.value.name.value
    return None


def _where_variable(nodes: Sequence[FieldNode], name: str) -> str | None:
    """The variable a top-level condition of a written `where` is given by (`{task: $t}`),
    when the field is asked once."""
    if len(nodes) != 1:
        return None
    for given in nodes[0].arguments or ():
        if given.name.value == "where" and isinstance(given.value, ObjectValueNode):
            for condition in given.value.fields:
                if condition.name.value == name and isinstance(condition.value, VariableNode):
                    return condition.value.name.value
    return None


@dataclass
class Ctx:
    """One request's translation: the parameters and variable names it makes."""

    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: VariableValues
    limits: Limits = field(default_factory=Limits)
    params: dict[str, Any] = field(default_factory=dict)
    # Parameters that are a variable's value made into a key, and nothing else reads that
    # variable: a request with another value reuses the translation with these remade.
    slots: dict[str, Slot] = field(default_factory=dict)
    _count: int = 0

    def var(self, prefix: str = "v") -> str:
        self._count += 1
        return f"{prefix}{self._count}"

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return name

    def slot(self, param: str, variable: str | None, make: Callable[[Any], Any]) -> None:
        """The parameter `param` is `make` of the variable's value and nothing else (when the
        value comes from a variable): another value reuses the translation."""
        if variable is not None:
            self.slots[param] = Slot(variable, make)

    def fields(self, type_: GraphQLObjectType, nodes: Sequence[FieldNode]) -> Fields:
        sets = [n.selection_set for n in nodes if n.selection_set is not None]
        return collect(self.schema, type_, sets, self.fragments, self.variables)

    def object_type(self, name: str) -> GraphQLObjectType:
        found = self.schema.get_type(name)
        assert isinstance(found, GraphQLObjectType)
        return found

    def arguments(self, field_def: GraphQLField, node: FieldNode) -> dict[str, Any]:
        return get_argument_values(field_def, node, self.variables)


@dataclass
class Part:
    """What an object adds to the statement: clauses, and its map's properties and entries."""

    clauses: list[str] = field(default_factory=list)
    props: list[str] = field(default_factory=list)
    entries: list[tuple[str, str]] = field(default_factory=list)  # (map key, expression)

    def add(self, other: Part) -> None:
        self.clauses += other.clauses
        for prop in other.props:
            if prop not in self.props:
                self.props.append(prop)
        self.entries += other.entries

    def map(self, variable: str, all_props: bool = False) -> str:
        items = [".*"] if all_props else [f".{p}" for p in self.props]
        lists.project(variable, tuple(self.props))  # checks the names
        items += [f"{k}: {e}" for k, e in self.entries]
        return variable + " {" + ", ".join(items) + "}"


def _non_null(type_: GraphQLOutputType) -> bool:
    return isinstance(type_, GraphQLNonNull)


def _field_shape(key: str, shaper: Shaper, field_def: GraphQLField, nodes: Sequence[FieldNode],
                 parent: str) -> FieldShape:  # fmt: skip
    return FieldShape(key, shaper, _non_null(field_def.type), nodes, parent, nodes[0].name.value)


def _show(source: Stored) -> Shaper:
    prop, show, default = source.prop, source.show, source.default
    if show == "bool":
        return lambda a, _p, _s: bool(a.get(prop, default))
    if show == "list":
        return lambda a, _p, _s: list(a.get(prop) or [])
    if show == "title":
        return lambda a, _p, _s: a.get(prop) or a["slug"]
    if show == "float":

        def number(a: Any, _p: Path, _s: Sink) -> Any:
            value = a.get(prop)
            return float(value) if value is not None else None

        return number
    if default is not None:
        return lambda a, _p, _s: leaf(a.get(prop)) or default
    if not _temporal(source.type):  # most fields: the stored value is already JSON
        return lambda a, _p, _s: a.get(prop)
    return lambda a, _p, _s: leaf(a.get(prop))


@functools.cache
def _temporal(declared: Any) -> bool:
    """Whether a field's declared type (a class or a union such as `dt.date | None`) holds
    dates or times, which need converting to ISO text."""
    kinds = typing.get_args(declared) or (declared,)
    return any(isinstance(k, type) and issubclass(k, dt.date) for k in kinds)


# Objects -------------------------------------------------------------------------------


def node_object(ctx: Ctx, type_name: str, var: str, fields: Fields) -> tuple[Part, Shaper]:
    """A node of `type_name` bound to `var`: its part of the statement and its shaper."""
    model = TYPES[type_name]
    gql_type = ctx.object_type(type_name)
    part = Part(props=[model.key] if model.key else [])
    shapes: list[FieldShape] = []
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "__typename":
            shapes.append(FieldShape(key, constant(type_name), True, nodes, type_name, name))
            continue
        field_def = gql_type.fields[name]
        source = model.fields[name]
        shaper: Shaper
        if isinstance(source, Stored):
            if source.prop not in part.props:
                part.props.append(source.prop)
            shaper = _show(source)
        elif isinstance(source, GlobalId):
            shaper = _id_shaper(type_name, model.key or "")
        elif isinstance(source, Page):
            sub, shaper = page(ctx, var, source, field_def, nodes)
            part.add(sub)
        elif isinstance(source, Link):
            sub, shaper = link(ctx, var, source, field_def, nodes)
            part.add(sub)
        elif isinstance(source, NamedNode):
            if source.prop not in part.props:
                part.props.append(source.prop)
            sub, shaper = named_node(ctx, var, source, field_def, nodes)
            part.add(sub)
        elif isinstance(source, ByYear):
            name_ = ctx.var("y")
            counting = by_year_body(source.papers, name_)
            if source.kept is None:
                part.clauses.append(f"\nCALL ({var}) {{ WITH {var} AS parent {counting} }}")
                part.entries.append((name_, name_))
            else:  # counted only on a node the loader has not counted (a graph loaded before)
                kept = f"{var}.{source.kept}"
                part.clauses.append(f"\nCALL ({var}) {{ WITH {var} AS parent WHERE {kept} IS NULL "
                                    f"{counting} }}")  # fmt: skip
                pairs = f"[i IN range(0, size({kept}) - 2, 2) | [{kept}[i], {kept}[i + 1]]]"
                part.entries.append(
                    (name_, f"CASE WHEN {kept} IS NULL THEN {name_} ELSE {pairs} END")
                )
            shaper = years_shaper(ctx, name_, nodes)
        elif isinstance(source, Computed):
            value_name = ctx.var("x")
            part.entries.append((value_name, source.expr.format(n=var)))
            shaper = _computed(value_name)
        elif isinstance(source, Embedded | Composite):
            props = [source.prop] if isinstance(source, Embedded) else list(source.parts.values())
            part.props += [prop for prop in props if prop not in part.props]
            shaper = embedded(ctx, source, nodes)
        else:
            raise AssertionError(f"{type_name}.{name}: {source!r}")
        shapes.append(_field_shape(key, shaper, field_def, nodes, type_name))

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        if answer is None:
            return None
        return complete(shapes, answer, path, sink)

    return part, shape


def by_year_body(papers: str, name: str) -> str:
    """The clauses binding `name` to the [year, papers] pairs of the papers `papers` binds to
    `n` (each once), from `parent`."""
    return papers + cypher.PAPERS_BY_YEAR.format(name=name)


def years_shaper(ctx: Ctx, name: str, nodes: Sequence[FieldNode]) -> Shaper:
    """`[YearCount!]!` from the pairs bound to `name`: every year from the first to the last,
    the years without papers as zeros."""
    fields = ctx.fields(ctx.object_type("YearCount"), nodes)
    _, item_shape = node_object(ctx, "YearCount", "unused", fields)

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        found = {int(year): int(papers) for year, papers in entry(answer, name) or []}
        years = range(min(found), max(found) + 1) if found else range(0)
        counts = [{"year": year, "count": found.get(year, 0)} for year in years]
        return complete_list(counts, item_shape, True, path, sink)

    return shape


def _computed(name: str) -> Shaper:
    return lambda a, _p, _s: leaf(a.get(name))


def _id_shaper(type_name: str, key: str) -> Shaper:
    return lambda a, _p, _s: encode_id(type_name, str(a[key]))


def _item_type(field_def: GraphQLField) -> GraphQLObjectType:
    named = get_named_type(field_def.type)
    assert isinstance(named, GraphQLObjectType)
    return named


def link(ctx: Ctx, var: str, source: Link, field_def: GraphQLField,
         nodes: Sequence[FieldNode]) -> tuple[Part, Shaper]:  # fmt: skip
    """One node or a short list reached from `var` by the link's pattern."""
    item = ctx.var("n")
    name = ctx.var("k")
    fields = ctx.fields(ctx.object_type(source.item), nodes)
    sub, item_shape = node_object(ctx, source.item, item, fields)
    pattern = source.pattern.format(v=var, n=item)
    order = source.order.format(n=item)
    inner = "".join(sub.clauses)
    if source.many:
        clause = (f"\nCALL ({var}) {{ {pattern} WITH {item} ORDER BY {order}{inner}\n"
                  f"  RETURN collect({sub.map(item)}) AS {name} }}")  # fmt: skip
    else:
        clause = (f"\nOPTIONAL CALL ({var}) {{ {pattern} WITH {item} ORDER BY {order} LIMIT 1{inner}\n"
                  f"  RETURN {sub.map(item)} AS {name} }}")  # fmt: skip
    non_null_items = isinstance(field_def.type, GraphQLNonNull) and isinstance(
        field_def.type.of_type, GraphQLList) and _non_null(field_def.type.of_type.of_type)  # fmt: skip

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        found = entry(answer, name)
        if not source.many:
            return item_shape(found, path, sink)
        return complete_list(found or [], item_shape, non_null_items, path, sink)

    return Part([clause], [], [(name, name)]), shape


def embedded(ctx: Ctx, source: Embedded | Composite, nodes: Sequence[FieldNode]) -> Shaper:
    """Objects kept on the node (no Cypher of their own): a JSON array, or one object of its
    properties; their fields are stored ones, read from each object's map."""
    fields = ctx.fields(ctx.object_type(source.item), nodes)
    sub, item_shape = node_object(ctx, source.item, "unused", fields)
    assert not sub.clauses, f"{source.item}: an embedded object's fields are stored ones"
    if isinstance(source, Composite):
        parts, present = source.parts, source.parts[source.present]

        def one(answer: Any, path: Path, sink: Sink) -> Any:
            if answer.get(present) is None:
                return None
            return item_shape({k: answer.get(p) for k, p in parts.items()}, path, sink)

        return one
    prop = source.prop

    def many(answer: Any, path: Path, sink: Sink) -> Any:
        text = answer.get(prop)
        return complete_list(orjson.loads(text) if text else [], item_shape, True, path, sink)

    return many


def named_node(ctx: Ctx, var: str, source: NamedNode, field_def: GraphQLField,
               nodes: Sequence[FieldNode]) -> tuple[Part, Shaper]:  # fmt: skip
    """The node whose name `var` stores; a name alone asks for no lookup."""
    fields = ctx.fields(ctx.object_type(source.item), nodes)
    return named_by(ctx, source.item, f"{var}.{source.prop}", var, fields,
                    lambda a: entry(a, source.prop))  # fmt: skip


def named_by(ctx: Ctx, type_name: str, name_expr: str, imports: str, fields: Fields,
             name_of: Any) -> tuple[Part, Shaper]:  # fmt: skip
    """The node of `type_name` named by `name_expr` (its name alone when it is not in the
    graph); `name_of` reads the name from the parent's answer."""
    if all(nodes[0].name.value in _KEY_FIELDS for nodes in fields.values()):
        _, only_name = node_object(ctx, type_name, "unused", fields)
        return Part(), lambda a, p, s: only_name({"name": name_of(a)}, p, s)
    item = ctx.var("n")
    name = ctx.var("k")
    sub, item_shape = node_object(ctx, type_name, item, fields)
    label = TYPES[type_name].label
    clause = (f"\nOPTIONAL CALL ({imports}) {{ MATCH ({item}:{label} {{name: {name_expr}}}) "
              f"WITH {item} LIMIT 1{''.join(sub.clauses)}\n  RETURN {sub.map(item)} AS {name} }}")  # fmt: skip

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        found = entry(answer, name)
        return item_shape(found if found is not None else {"name": name_of(answer)}, path, sink)

    return Part([clause], [], [(name, name)]), shape


# Connections ---------------------------------------------------------------------------


@dataclass
class ListRead:
    """How a connection's items and count are read, decided from its arguments."""

    spec: ListSpec
    limit: int
    after: list[Any] | None
    conditions: list[str]


def _page_args(ctx: Ctx, spec: ListSpec, args: Mapping[str, Any]) -> tuple[int, list[Any] | None]:
    """As every list checks them: the cursor first, then the page size."""
    after = args.get("after")
    cursor = (
        decode_cursor(after, spec.name, [k.kind for k in spec.order]) if after is not None else None
    )
    return page_size(args.get("first")), cursor


def page(ctx: Ctx, var: str, source: Page, field_def: GraphQLField,
         nodes: Sequence[FieldNode]) -> tuple[Part, Shaper]:  # fmt: skip
    """A connection of the node `var`: a CALL for its page, one for its count when asked."""
    spec = source.spec
    args = ctx.arguments(field_def, nodes[0])
    try:
        limit, after = _page_args(ctx, spec, args)
    except UserInputError as error:
        return Part(), failing(str(error), BAD_USER_INPUT)
    conditions = []
    for argument, filter_name in source.filters.items():
        value = args.get(argument)
        if value is not None:
            conditions.append(
                rename_params(spec.filters[filter_name], {filter_name: ctx.param(value)})
            )
    read = ListRead(spec, limit, after, conditions)
    return connection(ctx, read, field_def, nodes, source, parent=(var, f"WITH {var} AS parent"))


def connection(ctx: Ctx, read: ListRead, field_def: GraphQLField, nodes: Sequence[FieldNode],
               source: Page | None, parent: tuple[str, str] | None,
               window: int | None = lists.FILTER_WINDOW,
               body: str | None = None, count: str | None = None,
               papers: str | None = None, hits: str | None = None) -> tuple[Part, Shaper]:  # fmt: skip
    """The connection's part and shaper. `parent`: (the variables the list imports, the clause
    binding `parent`), None for a root list. `body`: rows (`n`, `edge`, `sortKey`) read another
    way than the spec's (search), `count` their number, `papers` the clauses binding each
    of them to `n` (for `byYear`) and `hits` their number up to `$atMost` (a search's
    `hitCount`: one row, {count, exact}, from `$atMost` and `$probe`)."""
    conn_type = _item_type(field_def)
    conn_fields = ctx.fields(conn_type, nodes)
    item_type_name = source.item if source else get_named_type(conn_type.fields["nodes"].type).name
    item = ctx.var("n")
    items_name, count_name = ctx.var("k"), ctx.var("c")
    part = Part()
    item_part = Part(
        props=[TYPES[item_type_name].key or ""]
        if TYPES.get(item_type_name) and TYPES[item_type_name].key
        else []
    )
    shapes: list[FieldShape] = []
    wants_items = False
    counted = False
    by_year_name: str | None = None
    imports, bind_parent = parent if parent else ("", "")
    boards = source.boards if source else None

    def item_object(fields: Fields) -> Shaper:
        if boards is not None:
            task, dataset = (side.format(parent=imports, item=item) for side in boards)
            board_imports = f"{imports}, {item}" if imports else item
            sub, shaper = leaderboard(ctx, task, dataset, "null", board_imports, fields)
        else:
            sub, shaper = node_object(ctx, item_type_name, item, fields)
        item_part.add(sub)
        return shaper

    edge_fields = source.edge if source else {}
    for key, key_nodes in conn_fields.items():
        name = key_nodes[0].name.value
        f_def = conn_type.fields.get(name)
        shaper: Shaper
        if name == "__typename":
            shapes.append(
                FieldShape(key, constant(conn_type.name), True, key_nodes, conn_type.name, name)
            )
            continue
        assert f_def is not None
        if name == "totalCount":
            counted = True
            shaper = _count_shaper(count_name)
        elif name == "hitCount" and hits is not None:
            shaper, bound = _hit_count(ctx, f_def, key_nodes, hits)
            if bound is not None:
                hits_name, counting_hits = bound
                part.clauses.append(f"\nCALL ({imports}) {{ {counting_hits} AS {hits_name} }}")
                part.entries.append((hits_name, hits_name))
        elif name in CONNECTION_FIELDS.get(item_type_name, {}):  # byYear
            by_year_name = by_year_name or ctx.var("y")
            shaper = years_shaper(ctx, by_year_name, key_nodes)
        elif name == "nodes":
            wants_items = True
            item_shape = item_object(ctx.fields(ctx.object_type(item_type_name), key_nodes))
            shaper = _nodes_shaper(items_name, read.limit, item_shape)
        elif name == "edges":
            wants_items = True
            shaper = _edges_shaper(ctx, read, items_name, _item_type(f_def), key_nodes,
                                   item_object, edge_fields)  # fmt: skip
        elif name == "pageInfo":
            wants_items = True
            shaper = _page_info_shaper(ctx, read, items_name, _item_type(f_def), key_nodes)
        else:
            raise AssertionError(name)
        shapes.append(_field_shape(key, shaper, f_def, key_nodes, conn_type.name))

    names = {"limit": ctx.param(read.limit + 1)}  # one more tells whether a next page follows
    if read.after is not None:
        names["after"] = ctx.param(read.after)
        kinds = [k.kind for k in read.spec.order]
        ctx.slot(names["after"], _variable_of(nodes, "after"),
                 lambda cursor: decode_cursor(cursor, read.spec.name, kinds))  # fmt: skip
    if wants_items:
        rows = (
            body
            if body is not None
            else list_body(
                read.spec, after=read.after is not None, conditions=read.conditions, window=window
            )
        )
        rows = rename_params(rows, names)
        carried = f"{imports}, " if imports else ""
        if parent:
            head = f"\nCALL ({imports}) {{\n  CALL ({imports}) {{ {bind_parent}{rows}\n  }}"
        else:
            head = f"\nCALL () {{\n  CALL () {{{rows}\n  }}"
        part.clauses.append(
            f"{head}\n  WITH {carried}n AS {item}, edge, sortKey{''.join(item_part.clauses)}\n"
            f"  RETURN collect({{node: {item_part.map(item)}, edge: edge, sort: sortKey}}) AS {items_name}\n}}"
        )  # fmt: skip
        part.entries.append((items_name, items_name))
    if counted:
        if count is not None:
            counting = f"{count} AS {count_name}"
        else:
            counting = f"{bind_parent} {count_body(read.spec, read.conditions, count_name)}"
        part.clauses.append(f"\nCALL ({imports}) {{ {counting} }}")
        part.entries.append((count_name, count_name))
    if by_year_name is not None:
        if papers is None:
            papers = f"{bind_parent} {items_body(read.spec, read.conditions)}"
        part.clauses.append(f"\nCALL ({imports}) {{ {by_year_body(papers, by_year_name)} }}")
        part.entries.append((by_year_name, by_year_name))

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        return complete(shapes, answer, path, sink)

    return part, shape


def _hit_count(ctx: Ctx, field_def: GraphQLField, nodes: Sequence[FieldNode],
               hits: str) -> tuple[Shaper, tuple[str, str] | None]:  # fmt: skip
    """A search's `hitCount`: its shaper, and the variable it reads with the clauses that
    return it (None when `atMost` is out of bounds: the field fails at its path, the rest of
    the answer loads)."""
    at_most = ctx.arguments(field_def, nodes[0])["atMost"]
    if not 1 <= at_most <= HIT_COUNT_MAX:
        message = f"atMost: from 1 to {HIT_COUNT_MAX:,} (got {at_most:,})"
        return failing(message, BAD_USER_INPUT), None
    name = ctx.var("h")
    names = {"atMost": ctx.param(at_most), "probe": ctx.param(2 * at_most + 1)}
    _, object_shape = node_object(
        ctx, "HitCount", "unused", ctx.fields(_item_type(field_def), nodes)
    )

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        return object_shape(entry(answer, name), path, sink)

    return shape, (name, rename_params(hits, names))


def _count_shaper(name: str) -> Shaper:
    return lambda a, _p, _s: int(entry(a, name) or 0)


def _nodes_shaper(items_name: str, limit: int, item_shape: Shaper) -> Shaper:
    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        found = (entry(answer, items_name) or [])[:limit]
        return complete_list([i["node"] for i in found], item_shape, True, path, sink)

    return shape


def _cursor(read: ListRead, item: Mapping[str, Any]) -> str:
    return encode_cursor(read.spec.name, [leaf_cursor(v) for v in item["sort"]])


def leaf_cursor(value: Any) -> Any:
    native = getattr(value, "to_native", None)
    return native() if native is not None else value


def _edges_shaper(ctx: Ctx, read: ListRead, items_name: str, edge_type: GraphQLObjectType,
                  nodes: Sequence[FieldNode], item_object: Any,
                  edge_fields: Mapping[str, Any]) -> Shaper:  # fmt: skip
    shapes: list[FieldShape] = []
    for key, key_nodes in ctx.fields(edge_type, nodes).items():
        name = key_nodes[0].name.value
        shaper: Shaper
        if name == "__typename":
            shapes.append(
                FieldShape(key, constant(edge_type.name), True, key_nodes, edge_type.name, name)
            )
            continue
        f_def = edge_type.fields[name]
        if name == "cursor":
            shaper = lambda i, _p, _s: _cursor(read, i)  # noqa: E731
        elif name == "node":
            shaper = _of_node(item_object(ctx.fields(_item_type(f_def), key_nodes)))
        else:
            shaper = _of_edge(edge_fields[name])
        shapes.append(_field_shape(key, shaper, f_def, key_nodes, edge_type.name))

    def edge(item: Any, path: Path, sink: Sink) -> Any:
        return complete(shapes, item, path, sink)

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        found = (entry(answer, items_name) or [])[: read.limit]
        return complete_list(found, edge, True, path, sink)

    return shape


def _of_node(node_shape: Shaper) -> Shaper:
    return lambda item, path, sink: node_shape(item["node"], path, sink)


def _of_edge(make: Any) -> Shaper:
    return lambda item, _path, _sink: make(item["edge"] or {})


def _page_info_shaper(ctx: Ctx, read: ListRead, items_name: str, info_type: GraphQLObjectType,
                      nodes: Sequence[FieldNode]) -> Shaper:  # fmt: skip
    fields = ctx.fields(info_type, nodes)

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        found = entry(answer, items_name) or []
        shown = found[: read.limit]
        values = {
            "__typename": "PageInfo",
            "hasNextPage": len(found) > read.limit,
            "hasPreviousPage": read.after is not None,
            "startCursor": _cursor(read, shown[0]) if shown else None,
            "endCursor": _cursor(read, shown[-1]) if shown else None,
        }
        return {key: values[key_nodes[0].name.value] for key, key_nodes in fields.items()}

    return shape


# Leaderboards --------------------------------------------------------------------------


def leaderboard(ctx: Ctx, task: str, dataset: str, metric: str, imports: str,
                fields: Fields, always_metrics: bool = False) -> tuple[Part, Shaper]:  # fmt: skip
    """A leaderboard named by the expressions `task`, `dataset` and `metric` (null: its first
    metric), which read only the variables `imports`."""
    gql_type = ctx.object_type("Leaderboard")
    metrics_name = ctx.var("m")
    part = Part(entries=[(metrics_name, metrics_name)], props=[])
    needs_metrics = always_metrics
    shapes: list[FieldShape] = []
    chosen = f"coalesce({metric}, {metrics_name}[0].metric)"
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "__typename":
            shapes.append(
                FieldShape(key, constant("Leaderboard"), True, nodes, "Leaderboard", name)
            )
            continue
        field_def = gql_type.fields[name]
        source = TYPES["Leaderboard"].fields[name]
        assert isinstance(source, Board)
        shaper: Shaper
        if source.part in ("task", "dataset"):
            expr = task if source.part == "task" else dataset
            name_key = ctx.var("b")
            part.entries.append((name_key, expr))
            sub, shaper = named_by(ctx, source.part.capitalize(), expr, imports,
                                   ctx.fields(_item_type(field_def), nodes),
                                   lambda a, k=name_key: a[k])  # fmt: skip
            part.add(sub)
        elif source.part == "rows":
            needs_metrics = True
            args = ctx.arguments(field_def, nodes[0])
            spec = lists.LEADERBOARD_ROWS
            try:
                limit, after = _page_args(ctx, spec, args)
            except UserInputError as error:
                shaper = failing(str(error), BAD_USER_INPUT)
            else:
                read = ListRead(spec, limit, after, [])
                bind = f"WITH {{task: {task}, dataset: {dataset}, metric: {chosen}}} AS parent"
                with_metrics = f"{imports}, {metrics_name}" if imports else metrics_name
                sub, shaper = connection(ctx, read, field_def, nodes, Page(spec, "Result"),
                                         parent=(with_metrics, bind))  # fmt: skip
                part.add(sub)
        elif source.part == "id":
            needs_metrics = True
            names = ctx.var("b"), ctx.var("b")
            part.entries += [(names[0], task), (names[1], dataset)]
            shaper = _board_id_shaper(names, metrics_name)
        elif source.part in ("resultCount", "best", "progression"):
            needs_metrics = True
            with_metrics = f"{imports}, {metrics_name}" if imports else metrics_name
            sub, shaper = _board_results(ctx, source.part, task, dataset, chosen, with_metrics,
                                         field_def, nodes)  # fmt: skip
            part.add(sub)
        else:
            needs_metrics = True
            shaper = _metric_shaper(source.part, metrics_name, metric_value=metric)
        shapes.append(_field_shape(key, shaper, field_def, nodes, "Leaderboard"))
    if needs_metrics:
        first = cypher.BOARD_METRICS.format(task=task, dataset=dataset, name=metrics_name)
        part.clauses.insert(0, f"\nCALL ({imports}) {{ {first} }}")
    else:
        part.entries.remove((metrics_name, metrics_name))

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        return complete(shapes, answer, path, sink)

    return part, shape


def _board_results(ctx: Ctx, kind: str, task: str, dataset: str, metric: str, imports: str,
                   field_def: GraphQLField, nodes: Sequence[FieldNode]) -> tuple[Part, Shaper]:  # fmt: skip
    """A leaderboard's count of results, its best result or its progression (a CALL reading
    only `imports`)."""
    name = ctx.var("k")
    board = {"task": task, "dataset": dataset, "metric": metric}
    if kind == "resultCount":
        counting = cypher.BOARD_RESULT_COUNT.format(**board, name=name)
        return Part([f"\nCALL ({imports}) {{ {counting} }}"], [], [(name, name)]), _count_shaper(
            name
        )
    item = ctx.var("n")
    sub, item_shape = node_object(ctx, "Result", item, ctx.fields(_item_type(field_def), nodes))
    inner = "".join(sub.clauses)
    if kind == "best":
        found = cypher.BOARD_BEST.format(**board, n=item)
        clause = (
            f"\nOPTIONAL CALL ({imports}) {{ {found}{inner}\n  RETURN {sub.map(item)} AS {name} }}"
        )
        return Part([clause], [], [(name, name)]), lambda a, p, s: item_shape(entry(a, name), p, s)
    found = cypher.BOARD_PROGRESSION.format(**board, n=item)
    clause = (f"\nCALL ({imports}) {{ {found}\n  WITH {item} ORDER BY position{inner}\n"
              f"  RETURN collect({sub.map(item)}) AS {name} }}")  # fmt: skip

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        return complete_list(entry(answer, name) or [], item_shape, True, path, sink)

    return Part([clause], [], [(name, name)]), shape


def board_key(task: str, dataset: str, metric: str) -> str:
    """The key of a leaderboard's global id: its task, dataset and metric, as a JSON array."""
    return orjson.dumps([task, dataset, metric]).decode()


def _board_of_key(key: str, argument: str, value: Any) -> tuple[str, str, str]:
    try:
        parts = orjson.loads(key)
    except orjson.JSONDecodeError:
        parts = None
    if not (isinstance(parts, list) and len(parts) == 3 and all(isinstance(x, str) for x in parts)):
        raise UserInputError(f"{argument}: {shown(value)} is not an id of this API")
    return parts[0], parts[1], parts[2]


def _board_id_shaper(names: tuple[str, str], metrics_name: str) -> Shaper:
    def shape(answer: Any, _path: Path, _sink: Sink) -> Any:
        metric = answer.get("_chosen") or next(iter(_directions(answer.get(metrics_name))), "")
        return encode_id("Leaderboard", board_key(answer[names[0]], answer[names[1]], metric))

    return shape


def _metric_shaper(kind: str, metrics_name: str, metric_value: str) -> Shaper:
    def shape(answer: Any, _path: Path, _sink: Sink) -> Any:
        metrics = _directions(answer.get(metrics_name))
        chosen = answer.get("_chosen")
        if kind == "metrics":
            return list(metrics)
        if kind == "metric":
            return chosen if chosen is not None else next(iter(metrics), "")
        if chosen is not None:
            return metrics.get(chosen, True)
        return next(iter(metrics.values()), True)

    return shape


def _directions(found: Any) -> dict[str, bool]:
    return {
        str(m["metric"]): True if m["higherIsBetter"] is None else bool(m["higherIsBetter"])
        for m in found or []
    }


# Roots ---------------------------------------------------------------------------------


@dataclass
class Root:
    """A root field: its block of the statement (None: it needs none) and its shaper."""

    key: str
    block: str | None
    shaper: Shaper


def root_fields(ctx: Ctx, fields: Fields) -> tuple[list[Root], list[FieldShape]]:
    query_type = ctx.schema.query_type
    assert query_type is not None
    roots: list[Root] = []
    shapes: list[FieldShape] = []
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "__typename":
            shapes.append(FieldShape(key, constant("Query"), True, nodes, "Query", name))
            continue
        field_def = query_type.fields[name]
        column = f"f{len(roots)}"
        try:
            block, shaper = _root(ctx, name, field_def, nodes, column)
        except UserInputError as error:
            block, shaper = None, failing(str(error), BAD_USER_INPUT)
        roots.append(Root(key, block, shaper))
        shapes.append(_field_shape(key, _column(column, shaper), field_def, nodes, "Query"))
    return roots, shapes


def _column(column: str, shaper: Shaper) -> Shaper:
    return lambda record, path, sink: shaper(record.get(column) if record else None, path, sink)


def _one_of(**given: Any) -> tuple[str, Any]:
    present = [(k, v) for k, v in given.items() if v is not None]
    if len(present) != 1:
        raise UserInputError(f"give exactly one of {', '.join(given)} (got {len(present)})")
    return present[0]


def _root(ctx: Ctx, name: str, field_def: GraphQLField, nodes: Sequence[FieldNode],
          column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    args = ctx.arguments(field_def, nodes[0])
    kind = ROOTS[name]
    if isinstance(kind, Lookup):
        return _lookup(ctx, kind, args, nodes, column)
    if isinstance(kind, RootList):
        return _root_list(ctx, name, kind, args, field_def, nodes, column)
    if kind == "node":
        type_name, key = decode_id(str(args["id"]))
        if type_name not in NODE_TYPES:
            raise UserInputError(f"id: {shown(args['id'])} is not an id of this API")
        if type_name == "Leaderboard":
            return _board_found(ctx, _board_of_key(key, "id", args["id"]), nodes, column)
        return _found(
            ctx,
            type_name,
            f"MATCH ({{v}}:{type_name} {{{{{TYPES[type_name].key}: ${{k}}}}}}) WITH {{v}} LIMIT 1",
            key,
            nodes,
            column,
        )
    if kind == "nodes":
        return _nodes(ctx, args["ids"], nodes, column)
    if kind == "search":
        return _search(ctx, args, field_def, nodes, column)
    if kind == "leaderboard":
        return _leaderboard_root(ctx, args, field_def, nodes, column)
    if kind == "leaderboards":
        return _leaderboards_root(ctx, args, field_def, nodes, column)
    if kind == "suggest":
        from schema.lane.suggest import suggest_block

        return suggest_block(ctx, args, field_def, nodes, column)
    if kind == "stats":
        return _stats(ctx, nodes, column)
    if kind == "neighborhood":
        return _neighborhood(ctx, args, field_def, nodes, column)
    if kind == "path":
        return _path(ctx, args, field_def, nodes, column)
    raise AssertionError(name)


def _lookup(ctx: Ctx, lookup: Lookup, args: Mapping[str, Any], nodes: Sequence[FieldNode],
            column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    type_name = lookup.item
    label, key_prop = type_name, TYPES[type_name].key
    if not lookup.by_id:
        argument, value = lookup.keys[0], args[lookup.keys[0]]
    else:
        given = {"id": args.get("id")} | {k: args.get(k) for k in lookup.keys}
        argument, value = _one_of(**given)
    make = _lookup_key(type_name, argument, lookup.normalize)
    key = make(value)
    variable = _variable_of(nodes, argument)
    slot = Slot(variable, make) if variable is not None else None
    if argument == "arxivId":
        match = "MATCH ({v}:Paper {{arxivId: ${k}}}) WITH {v} ORDER BY {v}.slug LIMIT 1"
        return _found(ctx, type_name, match, key, nodes, column, slot)
    match = f"MATCH ({{v}}:{label} {{{{{key_prop}: ${{k}}}}}}) WITH {{v}} LIMIT 1"
    return _found(ctx, type_name, match, key, nodes, column, slot)


def _lookup_key(type_name: str, argument: str,
                normalize: Callable[[Any], Any] | None) -> Callable[[Any], Any]:  # fmt: skip
    """How a lookup's argument becomes the stored key it matches (raising for a value that
    cannot be one)."""

    def by_id(value: Any) -> Any:
        kind, key = decode_id(str(value))
        if kind != type_name:
            raise UserInputError(
                f"id: {shown(value)} is the id of {_a(kind)}, not of {_a(type_name)}"
            )
        return key

    def by_arxiv_id(value: Any) -> Any:
        key = normalize_arxiv_id(normalize(value) if normalize is not None else value)
        if key is None:
            raise UserInputError(f"arxivId: {shown(value)} is not an arXiv identifier or URL")
        return key

    if argument == "id":
        return by_id
    if argument == "arxivId":
        return by_arxiv_id
    return normalize if normalize is not None else (lambda value: value)


def _nodes(ctx: Ctx, ids: Sequence[Any], nodes: Sequence[FieldNode],
           column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    """Entities by global id, in order, null for an id of nothing: per type of entity asked
    for, one `CALL` finding all its keys at once (each found node with the lists its
    selection reads), in one block."""
    if len(ids) > MAX_NODE_IDS:
        raise UserInputError(f"ids: at most {MAX_NODE_IDS} ids a request (got {len(ids):,})")
    if not ids:
        return None, constant([])
    wanted: list[tuple[str, str]] = []
    for index, value in enumerate(ids):
        type_name, key = decode_id(str(value), f"ids[{index}]")
        if type_name not in NODE_TYPES:
            raise UserInputError(f"ids[{index}]: {shown(value)} is not an id of this API")
        if type_name == "Leaderboard":
            _board_of_key(key, f"ids[{index}]", value)
        wanted.append((type_name, key))
    calls, entries, made = [], [], {}
    for type_name in dict.fromkeys(t for t, _ in wanted):
        keys = list(dict.fromkeys(k for t, k in wanted if t == type_name))
        var, name = ctx.var("r"), ctx.var("t")
        if type_name == "Leaderboard":
            boards = [dict(zip(("task", "dataset", "metric"), _board_of_key(k, "ids", k), strict=True)) | {"key": k}
                      for k in keys]  # fmt: skip
            part, made[type_name] = _board_object(ctx, var, nodes)
            calls.append(
                f"\n  CALL () {{ UNWIND ${ctx.param(boards)} AS {var}{''.join(part.clauses)}\n"
                f"    RETURN collect([{var}.key, {part.map(var)}]) AS {name} }}"
            )  # fmt: skip
            entries.append((type_name, name))
            continue
        part, made[type_name] = node_object(
            ctx, type_name, var, ctx.fields(ctx.object_type(type_name), nodes)
        )
        calls.append(
            f"\n  CALL () {{ UNWIND ${ctx.param(keys)} AS key "
            f"MATCH ({var}:{type_name} {{{TYPES[type_name].key}: key}}) WITH key, {var}"
            f"{''.join(part.clauses)}\n    RETURN collect([key, {part.map(var)}]) AS {name} }}"
        )  # fmt: skip
        entries.append((type_name, name))
    block = (f"CALL () {{{''.join(calls)}\n  RETURN {{{', '.join(f'{n}: {n}' for _, n in entries)}}} AS {column} }}")  # fmt: skip
    names = dict(entries)

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        found = {t: {k: m for k, m in (answer or {}).get(names[t]) or []} for t in names}

        def one(item: tuple[str, str], here: Path, s: Sink) -> Any:
            type_name, key = item
            node = found[type_name].get(key)
            return None if node is None else made[type_name](node, here, s)

        return complete_list(wanted, one, False, path, sink)

    return block, shape


def _board_object(ctx: Ctx, var: str, nodes: Sequence[FieldNode]) -> tuple[Part, Shaper]:
    """The leaderboard named by the map `var` ({task, dataset, metric}, as its id holds them):
    null when the graph has no results of that task, dataset and metric."""
    fields = ctx.fields(ctx.object_type("Leaderboard"), nodes)
    part, inner = leaderboard(ctx, f"{var}.task", f"{var}.dataset", f"{var}.metric", var, fields,
                              always_metrics=True)  # fmt: skip
    metrics_name = part.entries[0][1]
    part.entries.append(("_chosen", f"{var}.metric"))

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        if answer is None or answer["_chosen"] not in _directions(answer.get(metrics_name)):
            return None
        return inner(answer, path, sink)

    return part, shape


def _board_found(ctx: Ctx, board: tuple[str, str, str], nodes: Sequence[FieldNode],
                 column: str) -> tuple[str, Shaper]:  # fmt: skip
    var = ctx.var("r")
    part, shaper = _board_object(ctx, var, nodes)
    named = ctx.param(dict(zip(("task", "dataset", "metric"), board, strict=True)))
    block = (f"OPTIONAL CALL () {{ WITH ${named} AS {var}{''.join(part.clauses)}\n"
             f"  RETURN {part.map(var)} AS {column} }}")  # fmt: skip
    return block, shaper


def _leaderboards_root(ctx: Ctx, args: Mapping[str, Any], field_def: GraphQLField,
                       nodes: Sequence[FieldNode], column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    """The leaderboards (task, dataset) that have results, of a task, a dataset or both."""
    task, dataset = args.get("task"), args.get("dataset")
    spec = ListSpec("leaderboards", "", "", (SortKey("t.name"), SortKey("d.name")))
    limit, after = _page_args(ctx, spec, args)
    start = cypher.LEADERBOARDS_START[(task is not None, dataset is not None)]
    renames = {name: ctx.param(value) for name, value in (("task", task), ("dataset", dataset))
               if value is not None}  # fmt: skip
    rows = rename_params(_fill(cypher.LEADERBOARDS_ROWS, start=start), renames)
    if after is None:
        rows = rows.replace("$after", "null")
    counting = rename_params(_fill(cypher.LEADERBOARDS_TOTAL, start=start), renames)
    boards = Page(spec, "Leaderboard", boards=("{item}.task", "{item}.dataset"))
    part, shaper = connection(ctx, ListRead(spec, limit, after, []), field_def, nodes, boards,
                              parent=None, body=rows, count=counting.replace("$after", "null"))  # fmt: skip
    return _block(part, column), shaper


def _a(type_name: str) -> str:
    return f"{'an' if type_name[0] in 'AEIOU' else 'a'} {type_name}"


def _found(ctx: Ctx, type_name: str, match: str, key: Any, nodes: Sequence[FieldNode],
           column: str, slot: Slot | None = None) -> tuple[str, Shaper]:  # fmt: skip
    """A root node found by `match` (a fixed text binding `{v}` from the parameter `{k}`,
    which `slot` remakes for another value of its variable)."""
    var = ctx.var("r")
    fields = ctx.fields(ctx.object_type(type_name), nodes)
    part, shaper = node_object(ctx, type_name, var, fields)
    key_param = ctx.param(key)
    if slot is not None:
        ctx.slots[key_param] = slot
    text = match.format(v=var, k=key_param)
    block = f"OPTIONAL CALL () {{ {text}{''.join(part.clauses)}\n  RETURN {part.map(var)} AS {column} }}"
    return block, shaper


def _root_list(ctx: Ctx, name: str, kind: RootList, args: Mapping[str, Any],
               field_def: GraphQLField, nodes: Sequence[FieldNode],
               column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    where = _attributes(args.get("where"))
    given = args.get("orderBy")
    if given and len(given) > ctx.limits.order_entries:
        raise UserInputError(f"orderBy: {len(given):,} entries; at most "
                             f"{ctx.limits.order_entries} ({setting('order_entries')})")  # fmt: skip
    conditions_limit = ctx.limits.filter_conditions
    if kind.item == "Paper":
        pattern, scan, start = paper_list_start(where)
        anchor = paper_list_anchor(where)
        tested = _without(where, anchor) if anchor else where
        predicate, params = compile_where(tested, PAPER_PREDICATES, conditions_limit)
        given = args.get("orderBy") or [{"field": "PUBLISHED", "direction": "DESC"}]
        order = tuple(lists.PAPER_ORDERS[(o["field"], o["direction"] == "DESC")] for o in given)
        unique = SortKey("n.slug")
        params = {**params, **start}
    else:
        predicate, params = compile_where(where, NAME_PREDICATES, conditions_limit)
        pattern, scan, start = f"MATCH (n:{kind.item})", None, {}
        given = args.get("orderBy") or [{"field": "NAME", "direction": "ASC"}]
        order = tuple(lists.NAMED_ORDERS[(o["field"], o["direction"] == "DESC")] for o in given)
        unique = lists.NAME_KEY
    spec = root_spec(name, pattern, order, unique, scan, kind.item)
    if kind.item == "Paper" and anchor in DATED_ANCHORS:
        spec = dataclasses.replace(spec, dated=(DATED_ANCHORS[anchor], "$anchor"))
    limit, after = _page_args(ctx, spec, args)
    renames = {p: ctx.param(v) for p, v in params.items()}
    if kind.item == "Paper" and anchor is not None:
        ctx.slot(renames["anchor"], _where_variable(nodes, anchor), lambda name: name)
    conditions = [rename_params(predicate, renames)] if predicate else []
    spec = _renamed_spec(spec, renames)
    read = ListRead(spec, limit, after, conditions)
    # A filter naming a task, dataset, method or author starts from that node's papers and
    # sorts them: cheaper than reading a window of the date index for all but the largest.
    window = None if kind.item == "Paper" and start else lists.FILTER_WINDOW
    # The total of one task's, dataset's, method's or author's papers (with code, official
    # code) is kept by the loader: read, not counted.
    kept = _kept_total(tested) if kind.item == "Paper" and anchor is not None else None
    count = rename_params(read_count(anchor, kept, "$anchor"), renames) if kept and anchor else None
    part, shaper = connection(ctx, read, field_def, nodes, Page(spec, kind.item), parent=None,
                              window=window, count=count)  # fmt: skip
    return _block(part, column), shaper


def _kept_total(tested: _Where) -> Kept | None:
    """The kept total that counts a papers list whose filter, besides its anchor, asks at most
    for code or official code; None for any other filter (counted live)."""
    given = {name: value for name, value in vars(tested).items() if value is not None}
    official = given.pop("official_code_only", None)
    code = given.pop("has_code", None)
    if given:
        return None
    if official:
        return Kept.WITH_OFFICIAL_CODE if code in (None, True) else None
    return {None: Kept.PAPERS, True: Kept.WITH_CODE}.get(code)


def _renamed_spec(spec: ListSpec, renames: Mapping[str, str]) -> ListSpec:
    if not renames:
        return spec
    scan = rename_params(spec.scan, renames) if spec.scan else None
    dated = (spec.dated[0], rename_params(spec.dated[1], renames)) if spec.dated else None
    return dataclasses.replace(
        spec, pattern=rename_params(spec.pattern, renames), scan=scan, dated=dated
    )


def _block(part: Part, column: str) -> str:
    """A root connection's block: its clauses, returning its map as `column`."""
    entries = ", ".join(f"{k}: {e}" for k, e in part.entries)
    return f"CALL () {{{''.join(part.clauses)}\n  RETURN {{{entries}}} AS {column} }}"


class _Where:
    """A coerced `where` input (GraphQL names) read by attribute, as filters.py reads it."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            attribute = (
                name
                if name in ("AND", "OR", "NOT")
                else re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()
            )
            setattr(self, attribute, _attributes(value))

    def __getattr__(self, name: str) -> Any:
        return None


def _without(where: _Where, name: str) -> _Where:
    """`where` without its top-level condition `name`."""
    copy = _Where({})
    copy.__dict__.update(where.__dict__)
    setattr(copy, name, None)
    return copy


def _attributes(value: Any) -> Any:
    if isinstance(value, dict):
        return _Where(value)
    if isinstance(value, list):
        return [_attributes(v) for v in value]
    return value


def _search_text(value: Any, limits: Limits) -> str:
    text = str(value).strip()
    if not text:
        raise UserInputError("query: give some words to search for")
    word_count = len(text.split())
    if word_count > limits.search_words:
        raise UserInputError(f"query: {word_count:,} words; at most {limits.search_words} "
                             f"({setting('search_words')})")  # fmt: skip
    return text


def _search(ctx: Ctx, args: Mapping[str, Any], field_def: GraphQLField,
            nodes: Sequence[FieldNode], column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    """Full text over titles and abstracts; an arXiv id or URL finds that paper when the
    graph has it (else its words are searched), in the same statement."""
    from schema.lane.lucene import lucene_query

    limit = page_size(args.get("first"))
    after = args.get("after")
    cursor = decode_cursor(after, "search", ("float", "str")) if after is not None else None
    text = _search_text(args["query"], ctx.limits)
    spec = ListSpec(
        "search", "", "", (SortKey("score", descending=True, kind="float"), SortKey("n.slug"))
    )
    read = ListRead(spec, limit, cursor, [])
    query = ctx.param(lucene_query(text))
    if cursor is None:
        # twice the page and the row after it: stubs rarely take half the best hits
        probe = ctx.param(2 * (limit + 1))
        rows = rename_params(cypher.SEARCH_FIRST_ROWS, {"query": query, "probe": probe})
    else:
        rows = rename_params(cypher.SEARCH_ROWS, {"query": query})
    words = Page(spec, "Paper", {"score": lambda e: float(e["score"])})
    arxiv = normalize_arxiv_id(text)
    if arxiv is None:

        def words_of(value: Any) -> str:
            other = _search_text(value, ctx.limits)
            if normalize_arxiv_id(other) is not None:  # finds a paper: another statement
                raise UserInputError("query: an arXiv identifier")
            return lucene_query(other)

        ctx.slot(query, _variable_of(nodes, "query"), words_of)
        counting = rename_params(cypher.SEARCH_TOTAL, {"query": query})
        papers = rename_params(cypher.SEARCH_PAPERS, {"query": query})
        hits = rename_params(cypher.SEARCH_HIT_COUNT, {"query": query})
        part, shaper = connection(ctx, read, field_def, nodes, words, parent=None, body=rows,
                                  count=counting, papers=papers, hits=hits)  # fmt: skip
        return _block(part, column), shaper
    found = ctx.var("a")
    counting = rename_params(cypher.SEARCH_TOTAL, {"query": query})
    papers = rename_params(cypher.SEARCH_PAPERS, {"query": query})
    hits = rename_params(cypher.SEARCH_HIT_COUNT, {"query": query})
    word_part, word_shaper = connection(ctx, read, field_def, nodes, words, body=rows,
                                        parent=(found, f"WITH {found} WHERE {found} IS NULL"),
                                        count=f"WITH {found} WHERE {found} IS NULL {counting}",
                                        papers=f"WITH {found} WHERE {found} IS NULL {papers}",
                                        hits=f"WITH {found} WHERE {found} IS NULL {hits}")  # fmt: skip
    exact_rows = f"""
  WITH {found} AS n LIMIT {0 if cursor is not None else 1}
  RETURN n, {{score: 1.0}} AS edge, [1.0, n.slug] AS sortKey"""
    exact_part, exact_shaper = connection(ctx, read, field_def, nodes, words, body=exact_rows,
                                          parent=(found, f"WITH {found} WHERE {found} IS NOT NULL"),
                                          count="RETURN 1", papers=f"WITH {found} AS n",
                                          hits="RETURN {count: 1, exact: true}")  # fmt: skip
    exact_key = ctx.param(arxiv)
    entries = ", ".join(f"{k}: {e}" for k, e in (*word_part.entries, *exact_part.entries))
    block = (f"CALL () {{\n  OPTIONAL CALL () {{ MATCH ({found}:Paper {{arxivId: ${exact_key}}}) "
             f"RETURN {found} ORDER BY {found}.slug LIMIT 1 }}"
             f"{''.join(word_part.clauses)}{''.join(exact_part.clauses)}\n"
             f"  RETURN {{found: {found} IS NOT NULL, {entries}}} AS {column} }}")  # fmt: skip

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        return (exact_shaper if answer["found"] else word_shaper)(answer, path, sink)

    return block, shape


def _leaderboard_root(ctx: Ctx, args: Mapping[str, Any], field_def: GraphQLField,
                      nodes: Sequence[FieldNode], column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    task, dataset, metric = args["task"], args["dataset"], args.get("metric")
    fields = ctx.fields(ctx.object_type("Leaderboard"), nodes)
    t, d = ctx.param(task), ctx.param(dataset)
    m = ctx.param(metric) if metric is not None else None
    for param, argument in ((t, "task"), (d, "dataset"), (m, "metric")):
        if param is not None:
            ctx.slot(param, _variable_of(nodes, argument), lambda name: name)
    part, inner = leaderboard(
        ctx, f"${t}", f"${d}", f"${m}" if m else "null", "", fields, always_metrics=True
    )
    metrics_name = part.entries[0][1]
    # The board's names come back with the answer: the shaper serves every value of the slots.
    part.entries += [
        ("_task", f"${t}"),
        ("_dataset", f"${d}"),
        ("_metric", f"${m}" if m else "null"),
    ]
    block = _block(part, column)

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        metrics = _directions(answer.get(metrics_name) if answer else None)
        if not metrics:
            return None
        metric = answer["_metric"]
        if metric is not None and metric not in metrics:
            raise FieldError(
                f"metric: {shown(metric)} is not on the leaderboard {shown(answer['_task'])} / "
                f"{shown(answer['_dataset'])}; its metrics are "
                + ", ".join(repr(x) for x in metrics), BAD_USER_INPUT)  # fmt: skip
        return inner({**answer, "_chosen": metric}, path, sink)

    return block, shape


def _stats(ctx: Ctx, nodes: Sequence[FieldNode], column: str) -> tuple[str | None, Shaper]:
    """The graph's numbers, each only when asked for: a label's from Neo4j's count store, the
    others from the node the loader keeps them on (graphdb/counts.py), counted live without it."""
    stats_type = ctx.object_type("Stats")
    model = TYPES["Stats"]
    clauses: list[str] = []
    entries: list[tuple[str, str]] = []
    shapes: list[FieldShape] = []
    reads_kept = False
    for key, key_nodes in ctx.fields(stats_type, nodes).items():
        name = key_nodes[0].name.value
        if name == "__typename":
            shapes.append(FieldShape(key, constant("Stats"), True, key_nodes, "Stats", name))
            continue
        source = model.fields[name]
        assert isinstance(source, GraphCount)
        value = ctx.var("s")
        if source.label is not None:
            counting = cypher.COUNT_OF_LABEL.format(label=source.label, name=value)
            clauses.append(f"CALL () {{ {counting} }}")
            entries.append((value, value))
        else:
            assert source.kept is not None
            reads_kept = True
            live = graph_counts.COUNTED[source.kept]
            clauses.append(cypher.KEPT_COUNT.format(live=live, name=value))
            entries.append((value, f"coalesce(kept.{source.kept}, {value})"))
        shapes.append(_field_shape(key, _count_shaper(value), stats_type.fields[name], key_nodes,
                                   "Stats"))  # fmt: skip
    if reads_kept:
        clauses.insert(0, cypher.KEPT_COUNTS.format(label=graph_counts.LABEL, key=graph_counts.KEY))
    body = "".join(f"\n  {clause}" for clause in clauses)
    block = (f"CALL () {{{body}\n  RETURN {{{', '.join(f'{k}: {e}' for k, e in entries)}}} "
             f"AS {column} }}")  # fmt: skip

    def shape(answer: Any, path: Path, sink: Sink) -> Any:
        return complete(shapes, answer or {}, path, sink)

    return block, shape


def _entity(ctx: Ctx, value: Any, argument: str) -> tuple[str, str]:
    type_name, key = decode_id(str(value), argument)
    if type_name == "Leaderboard":
        raise UserInputError(f"{argument}: {shown(value)} is the id of a Leaderboard, which is not "
                             "a node of the graph")  # fmt: skip
    if type_name not in ENTITY_TYPES:
        raise UserInputError(f"{argument}: {shown(value)} is not an id of this API")
    return type_name, key


def _start(ctx: Ctx, var: str, type_name: str, key: str) -> str:
    return f"MATCH ({var}:{type_name} {{{TYPES[type_name].key}: ${ctx.param(key)}}})"


def _fill(template: str, **parts: str) -> str:
    """A block of cypher.py with its `{name}` slots filled (our texts and names only)."""
    for name, text in parts.items():
        template = template.replace("{" + name + "}", text)
    return template


def _neighborhood(ctx: Ctx, args: Mapping[str, Any], field_def: GraphQLField,
                  nodes: Sequence[FieldNode], column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    hops, limit = args["hops"], args["limit"]
    if hops not in (1, 2, 3):
        raise UserInputError(f"hops: between 1 and 3 (got {hops})")
    if not 1 <= limit <= MAX_NEIGHBORHOOD:
        raise UserInputError(f"limit: between 1 and {MAX_NEIGHBORHOOD} (got {limit})")
    type_name, key = _entity(ctx, args["id"], "id")
    start = _start(ctx, "start", type_name, key)
    member, own, shaper = _subgraph_shaper(ctx, field_def, nodes, empty=True)
    text = _fill(cypher.NEIGHBORHOOD_BLOCK[hops], start=start, limit=ctx.param(limit),
                 column=column, member=member, own=own)  # fmt: skip
    return text, shaper


def _path(ctx: Ctx, args: Mapping[str, Any], field_def: GraphQLField,
          nodes: Sequence[FieldNode], column: str) -> tuple[str | None, Shaper]:  # fmt: skip
    hops = args["maxHops"]
    if not 1 <= hops <= MAX_PATH_HOPS:
        raise UserInputError(f"maxHops: between 1 and {MAX_PATH_HOPS} (got {hops})")
    source = _entity(ctx, args["from"], "from")
    target = _entity(ctx, args["to"], "to")
    member, own, shaper = _subgraph_shaper(ctx, field_def, nodes, empty=False)
    text = _fill(cypher.PATH_BLOCK[hops], start=_start(ctx, "a", *source),
                 end=_start(ctx, "b", *target), column=column, member=member, own=own)  # fmt: skip
    return text, shaper


def _subgraph_shaper(ctx: Ctx, field_def: GraphQLField, nodes: Sequence[FieldNode],
                     empty: bool) -> tuple[str, str, Shaper]:  # fmt: skip
    from schema.lane.subgraph import subgraph_shaper

    return subgraph_shaper(ctx, _item_type(field_def), nodes, empty)


def shape_response(shapes: Sequence[FieldShape], record: Mapping[str, Any] | None,
                   sink: Sink) -> dict[str, Any] | None:  # fmt: skip
    try:
        return complete(shapes, record or {}, (), sink)
    except NullBubble:
        return None


__all__ = ["Ctx", "FieldError", "Root", "root_fields", "shape_response"]
