"""The fields an object selects, as GraphQL's CollectFields defines them.

Fragments (named and inline) apply when their type condition is the object's type or an
interface it implements; `@skip` and `@include` are read with the request's variables.
Fields of one response key are merged, in the order they first appear.
"""

from __future__ import annotations

from collections.abc import Mapping

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    SelectionSetNode,
    VariableValues,
    get_directive_values,
)

Fields = dict[str, list[FieldNode]]


def collect(
    schema: GraphQLSchema,
    runtime_type: GraphQLObjectType,
    selection_sets: list[SelectionSetNode],
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: VariableValues,
) -> Fields:
    fields: Fields = {}
    for selection_set in selection_sets:
        _collect(schema, runtime_type, selection_set, fragments, variables, fields, set())
    return fields


def _included(
    node: FieldNode | FragmentSpreadNode | InlineFragmentNode, variables: VariableValues
) -> bool:
    if not node.directives:
        return True
    skip = get_directive_values(GraphQLSkipDirective, node, variables)
    if skip and skip.get("if") is True:
        return False
    include = get_directive_values(GraphQLIncludeDirective, node, variables)
    return not (include and include.get("if") is False)


def _applies(schema: GraphQLSchema, condition: str | None, runtime_type: GraphQLObjectType) -> bool:
    if condition is None or condition == runtime_type.name:
        return True
    abstract = schema.get_type(condition)
    return abstract is not None and any(i.name == condition for i in runtime_type.interfaces)


def _collect(
    schema: GraphQLSchema,
    runtime_type: GraphQLObjectType,
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: VariableValues,
    fields: Fields,
    visited: set[str],
) -> None:
    for selection in selection_set.selections:
        if not _included(selection, variables):  # type: ignore[arg-type]
            continue
        if isinstance(selection, FieldNode):
            key = (selection.alias or selection.name).value
            fields.setdefault(key, []).append(selection)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition.name.value if selection.type_condition else None
            if _applies(schema, condition, runtime_type):
                _collect(schema, runtime_type, selection.selection_set, fragments, variables,
                         fields, visited)  # fmt: skip
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if name in visited or fragment is None:
                continue
            visited.add(name)
            if _applies(schema, fragment.type_condition.name.value, runtime_type):
                _collect(schema, runtime_type, fragment.selection_set, fragments, variables,
                         fields, visited)  # fmt: skip
