"""The plan of an operation: for each field, how to resolve it and how to complete its value.

A plan is made from graphql-core's own field collection (fragments, aliases and
merged fields come out as they do for its executor) and is kept per operation.
An operation the plan does not cover gets no plan (None) and goes to
graphql-core: anything but a query, introspection other than `__typename`, and
any directive (`@skip`/`@include` would make the plan depend on variables).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from graphql import (
    DirectiveNode,
    FieldNode,
    GraphQLAbstractType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    is_abstract_type,
    is_leaf_type,
    is_object_type,
    visit,
)
from graphql.execution.collect_fields import (
    FieldDetailsList,
    FragmentDetails,
    GroupedFieldSet,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import VariableValues
from graphql.language import Node

from schema.execution.direct import STRAWBERRY_FIELD, DirectCall, direct_call


class Unplannable(Exception):
    """The operation uses something the plan does not cover: graphql-core executes it."""


class Kind(Enum):
    LEAF = auto()
    LIST = auto()
    OBJECT = auto()
    ABSTRACT = auto()


@dataclass(slots=True, eq=False)
class Completion:
    """How a resolved value becomes its part of the response."""

    kind: Kind
    non_null: bool
    coerce: Callable[[Any], Any] | None = None  # LEAF
    item: Completion | None = None  # LIST
    object_type: GraphQLObjectType | None = None  # OBJECT
    fields: list[FieldPlan] = field(default_factory=list)  # OBJECT
    abstract_type: GraphQLAbstractType | None = None  # ABSTRACT
    details: FieldDetailsList | None = None  # ABSTRACT: planned per runtime type, when met
    by_type: dict[str, Completion] = field(default_factory=dict)  # ABSTRACT


@dataclass(slots=True, eq=False)
class FieldPlan:
    """One response key of an object: where its value comes from and how it completes."""

    key: str
    parent_type: GraphQLObjectType
    field_def: GraphQLField | None  # None for __typename
    nodes: list[FieldNode]
    details: FieldDetailsList
    # A field without a resolver of its own reads an attribute of its parent through
    # Strawberry's default resolver, exactly as Strawberry's basic-field path does.
    attribute: str | None
    read: Callable[[Any, str], Any] | None
    takes_arguments: bool
    completion: Completion | None  # None for __typename
    # Its value's type check or type resolution is given the field's resolve info.
    needs_info: bool = False
    # A field with a resolver: how to call it without Strawberry's per-call wrapper, if it can be.
    direct: DirectCall | None = None


@dataclass(slots=True, eq=False)
class OperationPlan:
    root_type: GraphQLObjectType
    fields: list[FieldPlan]


class Planner:
    """Makes the plan of one operation; abstract fields are planned per runtime type later."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDetails],
        variable_values: VariableValues,
        operation: OperationDefinitionNode,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variable_values = variable_values
        self.operation = operation

    def plan_operation(self) -> OperationPlan:
        if self.operation.operation is not OperationType.QUERY:
            raise Unplannable("only queries are planned")
        definitions = [self.operation, *(f.definition for f in self.fragments.values())]
        if any(_has_directives(definition) for definition in definitions):
            raise Unplannable("directives make a plan depend on variables")
        root_type = self.schema.query_type
        if root_type is None:
            raise Unplannable("the schema has no query type")
        collected = collect_fields(
            self.schema, self.fragments, self.variable_values, root_type, self.operation
        )
        return OperationPlan(root_type, self._fields(root_type, collected.grouped_field_set))

    def plan_runtime_type(
        self, completion: Completion, runtime_type: GraphQLObjectType
    ) -> Completion:
        """The object completion of an abstract field's value of `runtime_type`."""
        assert completion.details is not None
        return self._object(runtime_type, completion.details, completion.non_null)

    def _fields(self, parent_type: GraphQLObjectType, grouped: GroupedFieldSet) -> list[FieldPlan]:
        plans = []
        for key, details in grouped.items():
            if any(d.fragment_variable_values is not None or d.defer_usage for d in details):
                raise Unplannable("fragment arguments and @defer are not planned")
            nodes = [d.node for d in details]
            name = nodes[0].name.value
            if name == "__typename":
                plans.append(
                    FieldPlan(key, parent_type, None, nodes, details, None, None, False, None)
                )
                continue
            if name.startswith("__"):
                raise Unplannable("introspection is left to graphql-core")
            field_def = parent_type.fields.get(name)
            if field_def is None:
                raise Unplannable(f"{parent_type.name} has no field {name}")
            attribute, read = _basic_attribute(field_def)
            completion = self._completion(field_def.type, details, non_null=False)
            plans.append(
                FieldPlan(
                    key=key,
                    parent_type=parent_type,
                    field_def=field_def,
                    nodes=nodes,
                    details=details,
                    attribute=attribute,
                    read=read,
                    takes_arguments=bool(field_def.args or nodes[0].arguments),
                    completion=completion,
                    needs_info=_checks_type(completion),
                    direct=None if attribute is not None else direct_call(field_def, self.schema),
                )
            )
        return plans

    def _completion(
        self, type_: GraphQLOutputType, details: FieldDetailsList, non_null: bool
    ) -> Completion:
        if isinstance(type_, GraphQLNonNull):
            return self._completion(type_.of_type, details, non_null=True)
        if isinstance(type_, GraphQLList):
            return Completion(
                Kind.LIST, non_null, item=self._completion(type_.of_type, details, False)
            )
        if is_leaf_type(type_):
            return Completion(Kind.LEAF, non_null, coerce=type_.coerce_output_value)
        if is_abstract_type(type_):
            return Completion(Kind.ABSTRACT, non_null, abstract_type=type_, details=details)
        if is_object_type(type_):
            return self._object(type_, details, non_null)
        raise Unplannable(f"cannot plan a value of type {type_}")

    def _object(
        self, object_type: GraphQLObjectType, details: FieldDetailsList, non_null: bool
    ) -> Completion:
        collected = collect_subfields(
            self.schema, self.fragments, self.variable_values, self.operation, object_type, details
        )
        fields = self._fields(object_type, collected.grouped_field_set)
        return Completion(Kind.OBJECT, non_null, object_type=object_type, fields=fields)


def _basic_attribute(
    field_def: GraphQLField,
) -> tuple[str | None, Callable[[Any, str], Any] | None]:
    """(attribute, reader) of a Strawberry field that has no resolver of its own, else (None, None).

    Strawberry marks the resolver it gives such fields with `_is_default`; that
    resolver reads `python_name` through the field's default resolver.
    """
    strawberry_field = (field_def.extensions or {}).get(STRAWBERRY_FIELD)
    if strawberry_field is None or not getattr(field_def.resolve, "_is_default", False):
        return None, None
    return strawberry_field.python_name, strawberry_field.default_resolver


def _checks_type(completion: Completion) -> bool:
    """Whether completing this value calls a type check or a type resolver (given an info)."""
    while completion.kind is Kind.LIST:
        assert completion.item is not None
        completion = completion.item
    if completion.kind is Kind.ABSTRACT:
        return True
    return completion.kind is Kind.OBJECT and completion.object_type.is_type_of is not None  # type: ignore[union-attr]


def _has_directives(definition: Node) -> bool:
    found: list[DirectiveNode] = []

    class FindDirectives(Visitor):
        def enter_directive(self, node: DirectiveNode, *_args: Any) -> Any:
            found.append(node)
            return Visitor.BREAK

    visit(definition, FindDirectives())
    return bool(found)
