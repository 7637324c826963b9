"""Strawberry resolvers called as Strawberry calls them, without its per-call wrapper.

For a field with a resolver, Strawberry's graphql-core resolver builds an `Info`,
converts the arguments (`get_arguments`: GraphQL values into Python ones, the
source and the info into the parameters that ask for them), chains the field's
extensions and calls the resolver. With no extensions and no exception handlers
that chain is one call; `DirectCall` makes the same call with what was worked
out once: which parameters take the source and the info, and the conversion,
done once per request when the arguments are only scalars and enums.

Anything else (extensions, permission classes, exception handlers, a Strawberry
without the attributes read here) keeps Strawberry's own resolver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLEnumType, GraphQLField, GraphQLScalarType, GraphQLSchema, get_named_type

try:  # not public API: a Strawberry without it keeps its own resolvers (direct_call gives None)
    from strawberry.types.arguments import convert_arguments
except ImportError:  # pragma: no cover - depends on the installed Strawberry
    convert_arguments = None  # type: ignore[assignment]

STRAWBERRY_FIELD = "strawberry-definition"  # where Strawberry keeps its field on a GraphQLField


@dataclass(slots=True, eq=False)
class DirectCall:
    resolver: Callable[..., Any]
    field: Any  # the StrawberryField, for the Info
    info_class: type
    passes_self: bool
    source_names: tuple[str, ...]  # the `parent` / `root` parameters
    info_name: str | None
    convert: Callable[[dict[str, Any], Any], dict[str, Any]]
    # only scalars and enums: the converted arguments are the same for every item
    converts_once: bool

    def info_for(self, raw_info: Any) -> Any:
        """The Strawberry Info that Strawberry's resolver would build from graphql-core's."""
        return self.info_class(_raw_info=raw_info, _field=self.field)

    def call(self, source: Any, info: Any, arguments: dict[str, Any]) -> Any:
        """The resolver's answer, given the converted arguments (`convert`)."""
        kwargs = dict(arguments)
        for name in self.source_names:
            kwargs[name] = source
        if self.info_name is not None:
            kwargs[self.info_name] = info
        if self.passes_self:
            return self.resolver(source, **kwargs)
        return self.resolver(**kwargs)


def direct_call(field_def: GraphQLField, schema: GraphQLSchema) -> DirectCall | None:
    """How to call this field's resolver directly; None to keep Strawberry's resolver."""
    field = (field_def.extensions or {}).get(STRAWBERRY_FIELD)
    strawberry_schema = getattr(schema, "_strawberry_schema", None)
    converter = getattr(strawberry_schema, "schema_converter", None)
    config = getattr(strawberry_schema, "config", None)
    resolver = getattr(field, "base_resolver", None)
    if field is None or resolver is None or field.extensions or converter is None:
        return None
    if convert_arguments is None:
        return None
    if getattr(converter, "_exception_handler_specs", True):  # handlers, or unknown: keep
        return None
    registry = getattr(converter, "scalar_registry", None)
    info_class = getattr(config, "info_class", None)
    if registry is None or info_class is None or config is None:
        return None
    arguments, strawberry_config = field.arguments, config

    def convert(values: dict[str, Any], info: Any) -> dict[str, Any]:
        converted: dict[str, Any] = convert_arguments(
            values, arguments, scalar_registry=registry, config=strawberry_config, info=info
        )
        return converted

    plain = all(
        isinstance(get_named_type(argument.type), GraphQLScalarType | GraphQLEnumType)
        for argument in field_def.args.values()
    )
    try:
        parameters = (
            resolver.self_parameter,
            resolver.parent_parameter,
            resolver.root_parameter,
            resolver.info_parameter,
        )
    except AttributeError:  # another Strawberry: keep its resolver
        return None
    self_parameter, parent_parameter, root_parameter, info_parameter = parameters
    return DirectCall(
        resolver=resolver,
        field=field,
        info_class=info_class,
        passes_self=self_parameter is not None,
        source_names=tuple(p.name for p in (parent_parameter, root_parameter) if p is not None),
        info_name=info_parameter.name if info_parameter is not None else None,
        convert=convert,
        converts_once=plain,
    )
