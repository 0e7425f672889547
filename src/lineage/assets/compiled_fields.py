"""A compiled page node's fields that have a resolver (`signedUrl`, `preview`, `waveform`,
`orphanStatus`: what the catalog's cards show), answered for the whole page at once
with the very functions `AssetNode`'s resolvers call, and shaped as graphql-core shapes
their objects (`lineage.assets.compiled_shape` reads them from the node's row).

Each compiles only with literal arguments (a plan is kept for its text, not for its
variables' values) within the field's bounds, and a sub-selection of plain fields
(`Preview`'s, `OrphanStatus`'s and its reasons'); anything else raises `NotCompiled`,
and the normal execution answers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLObjectType,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.execution.values import get_argument_values

from lineage.api.selection import NotCompiled, Selection, value_serializer
from lineage.assets.nodes import SIGNED_URL_SECONDS, original_of, signed_url
from lineage.errors import LineageError
from lineage.files.derived import PreviewSize
from lineage.files.gql import PreviewNode, check_points

Row = dict[str, Any]
Shape = Callable[[Any], Any]  # a resolver's value -> its JSON, as graphql-core completes it
# (the page's nodes' properties, the request's context) -> each node's value, shaped
Resolution = Callable[[list[Row], Any], Awaitable[list[Any]]]


@dataclass(frozen=True)
class ResolvedField:
    """A resolver field of the page's nodes: the properties it reads, and its resolution."""

    properties: frozenset[str]
    resolve: Resolution


def resolved_field(
    selection: Selection, name: str, definition: GraphQLField, group: list[FieldDetails]
) -> ResolvedField:
    """The page node's field `name` (a key of `RESOLVERS`), or NotCompiled."""
    if any(isinstance(a.value, VariableNode) for d in group for a in d.node.arguments or ()):
        raise NotCompiled(f"Asset.{name} with a variable argument")
    arguments = get_argument_values(definition, group[0].node, selection.variables)
    try:
        return RESOLVERS[name](selection, definition, group, arguments)
    except LineageError as exc:  # an argument out of bounds: the normal execution says so
        raise NotCompiled(f"Asset.{name}: {exc}") from exc


def _signed_url(
    _: Selection, definition: GraphQLField, __: list[FieldDetails], arguments: dict[str, Any]
) -> ResolvedField:
    expires_in: int = arguments["expiresIn"]
    shape = value_serializer(definition.type, "Asset.signedUrl")

    async def resolve(nodes: list[Row], context: Any) -> list[Any]:
        refs = [node.get("fileRef") for node in nodes]
        urls = [None if ref is None else signed_url(context, ref, expires_in) for ref in refs]
        return [shape(url) for url in urls]

    return ResolvedField(frozenset({"fileRef"}), resolve)


ORIGINAL = frozenset({"fileRef", "fileSha256", "mediaType"})


def _original(node: Row) -> Any:
    return original_of(node.get("fileRef"), node.get("fileSha256"), node.get("mediaType"))


def _preview(
    selection: Selection,
    definition: GraphQLField,
    group: list[FieldDetails],
    arguments: dict[str, Any],
) -> ResolvedField:
    size = PreviewSize(arguments["size"])
    shape = plain_object(selection, definition, group)

    async def one(node: Row, context: Any) -> PreviewNode | None:
        original = _original(node)
        derived = None if original is None else await context.derivatives.preview(original, size)
        if derived is None:
            return None
        return PreviewNode.of(derived, signed_url(context, derived.ref, SIGNED_URL_SECONDS))

    async def resolve(nodes: list[Row], context: Any) -> list[Any]:
        found = await asyncio.gather(*(one(node, context) for node in nodes))
        return [shape(each) for each in found]

    return ResolvedField(ORIGINAL, resolve)


def _waveform(
    _: Selection, definition: GraphQLField, __: list[FieldDetails], arguments: dict[str, Any]
) -> ResolvedField:
    points = check_points(arguments["points"])
    shape = value_serializer(definition.type, "Asset.waveform")

    async def one(node: Row, context: Any) -> list[float] | None:
        original = _original(node)
        return None if original is None else await context.derivatives.waveform(original, points)

    async def resolve(nodes: list[Row], context: Any) -> list[Any]:
        found = await asyncio.gather(*(one(node, context) for node in nodes))
        return [shape(each) for each in found]

    return ResolvedField(ORIGINAL, resolve)


def _orphan_status(
    selection: Selection,
    definition: GraphQLField,
    group: list[FieldDetails],
    _: dict[str, Any],
) -> ResolvedField:
    shape = plain_object(selection, definition, group)

    async def resolve(nodes: list[Row], context: Any) -> list[Any]:
        status_of = context.loaders.orphan_status_of
        found = await asyncio.gather(
            *(
                status_of(node["id"], node.get("orphaned", False), node.get("pinnedInputs", []))
                for node in nodes
            )
        )
        return [shape(each) for each in found]

    return ResolvedField(frozenset({"id", "orphaned", "pinnedInputs"}), resolve)


Compiler = Callable[[Selection, GraphQLField, list[FieldDetails], dict[str, Any]], ResolvedField]
RESOLVERS: dict[str, Compiler] = {
    "signedUrl": _signed_url,
    "preview": _preview,
    "waveform": _waveform,
    "orphanStatus": _orphan_status,
}


def plain_object(
    selection: Selection, definition: GraphQLField, group: list[FieldDetails]
) -> Shape:
    """The shape of a field's object (or list of objects) whose selected fields are all
    plain attributes, as graphql-core completes it; NotCompiled for any other."""
    parent = get_named_type(definition.type)
    if not isinstance(parent, GraphQLObjectType):
        raise NotCompiled(parent.name)
    readers: list[tuple[str, Shape]] = []
    for key, (name, field, sub) in selection.fields(parent, group).items():
        readers.append((key, _attribute(selection, parent, name, field, sub)))

    def one(value: Any) -> dict[str, Any]:
        return {key: read(value) for key, read in readers}

    return _nullable_or_many(definition, one)


def _attribute(
    selection: Selection,
    parent: GraphQLObjectType,
    name: str,
    field: GraphQLField,
    group: list[FieldDetails],
) -> Shape:
    where = f"{parent.name}.{name}"
    if name == "__typename":
        return lambda _: parent.name
    strawberry_field = field.extensions.get("strawberry-definition")
    if field.args or strawberry_field is None or strawberry_field.base_resolver is not None:
        raise NotCompiled(where)
    attribute = strawberry_field.python_name
    if is_leaf_type(get_named_type(field.type)):
        serialize = value_serializer(field.type, where)
        return lambda value: serialize(getattr(value, attribute))
    inner = plain_object(selection, field, group)
    return lambda value: inner(getattr(value, attribute))


def _nullable_or_many(definition: GraphQLField, one: Shape) -> Shape:
    """`one` applied as the field's type says: to each item of a list, null kept where
    the type allows it (NotCompiled where it does not: graphql-core reports an error)."""
    nullable = get_nullable_type(definition.type)
    allows_null = nullable is definition.type

    def checked(value: Any) -> Any:
        if value is None:
            if not allows_null:
                raise NotCompiled(f"{definition.type} is null")
            return None
        return one(value)

    if not is_list_type(nullable):
        return checked
    item = GraphQLField(nullable.of_type)  # the items' own nullability
    each = _nullable_or_many(item, one)
    return lambda value: checked(value) if value is None else [each(v) for v in value]
