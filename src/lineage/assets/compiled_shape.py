"""An `assets` page's selection turned into readers that shape the page statement's rows
as the JSON answer graphql-core would give (`lineage.assets.compiled` serves it).

Fields are collected by graphql-core's own `collect_subfields` (fragments, aliases,
@skip/@include with variables, merged response keys, in its order), and each becomes
a reader of a row: `__typename`, a plain field (a stored property of Asset or Prompt
that the node shows as it is, the model's default when missing; Frame's role and
position), serialized by the field's own GraphQL type; the page node's nested fields
that its statement reads along (`NESTED_ROWS`); a frame's asset; the page node's
resolver fields that `compiled_fields` answers for the whole page (`RESOLVERS`), read
from its row's `RESOLVED` values. Anything else (another field with a resolver, a
nested field below the page's nodes, @defer) raises `NotCompiled`, and the normal
execution answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLObjectType,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)
from graphql.execution.collect_fields import FieldDetails
from pydantic import BaseModel

from lineage.api.selection import NotCompiled, Selection, value_serializer
from lineage.assets.compiled_fields import RESOLVERS, ResolvedField, resolved_field
from lineage.assets.models import Asset
from lineage.prompts.models import Prompt

Row = dict[str, Any]
Reader = Callable[[Row, Row], Any]  # (a row's properties, its nested fields) -> JSON
NO_NESTED: Row = {}
# The models whose stored properties a type's plain fields show (Frame's are its row's).
MODELS: dict[str, type[BaseModel] | None] = {"Asset": Asset, "Prompt": Prompt, "Frame": None}
# The page node's nested fields its statement reads with the page (`page_plan.NESTED`
# but workflow and project, whose nodes are not plain).
NESTED_ROWS = frozenset(
    {"frames", "prompts", "sources", "versions", "previousVersion", "currentVersion", "usedBy"}
)
MISSING: Any = object()
RESOLVED = "@resolved"  # a page node's nested row: its resolver fields' values, by response key


@dataclass
class PageSelection(Selection):
    """A page's selection; and, filled while compiling, the nested fields of the page's
    nodes it found and the properties it reads of each kind of node
    (`lineage.assets.nested.SHOWN_KINDS`)."""

    nested: set[str] = field(default_factory=set)
    shown: dict[str, set[str]] = field(default_factory=dict)  # kind of node -> properties
    resolved: dict[str, ResolvedField] = field(default_factory=dict)  # by response key


def object_reader(
    selection: PageSelection, parent: GraphQLObjectType, details: list[FieldDetails], kind: str
) -> Reader:
    """The reader of one object of type `parent` (its fields selected in `details`), of
    the `kind` of node the statement returns ("asset": the page's own, which alone has
    nested fields; else a nested field's, or a row that is not a node)."""
    readers = []
    for key, (name, definition, group) in selection.fields(parent, details).items():
        if name == "__typename":
            readers.append((key, _constant(parent.name)))
        elif kind == "asset" and name in NESTED_ROWS:
            selection.nested.add(name)
            readers.append((key, _nested(name, _items(selection, definition, group, name))))
        elif kind == "asset" and name in RESOLVERS:
            readers.append((key, _resolved(selection, key, name, definition, group)))
        elif parent.name == "Frame" and name == "asset":
            readers.append((key, _frame_asset(_items(selection, definition, group, kind))))
        else:
            property_key, reader = _plain(parent.name, name, definition)
            if MODELS.get(parent.name) is not None:
                selection.shown.setdefault(kind, set()).add(property_key)
            readers.append((key, reader))

    def read(properties: Row, nested: Row) -> dict[str, Any]:
        return {key: each(properties, nested) for key, each in readers}

    return read


def _items(
    selection: PageSelection, definition: GraphQLField, group: list[FieldDetails], kind: str
) -> Reader:
    """A reader of a nested field's rows (property maps): a list, or one (maybe null)."""
    item_type = get_named_type(definition.type)
    if not isinstance(item_type, GraphQLObjectType):
        raise NotCompiled(item_type.name)
    item = object_reader(selection, item_type, group, kind)
    many = is_list_type(get_nullable_type(definition.type))

    def read(rows: Any, _: Row) -> Any:
        if many:
            return [item(row, NO_NESTED) for row in rows]
        return None if rows is None else item(rows, NO_NESTED)

    return read


def _nested(name: str, items: Reader) -> Reader:
    def read(_: Row, nested: Row) -> Any:
        found = nested.get(name, MISSING)
        if found is MISSING:
            raise NotCompiled(f"{name} was not read along")  # a page by words or slot
        return items(found, NO_NESTED)

    return read


def _resolved(
    selection: PageSelection,
    key: str,
    name: str,
    definition: GraphQLField,
    group: list[FieldDetails],
) -> Reader:
    resolved = resolved_field(selection, name, definition, group)
    selection.resolved[key] = resolved
    selection.shown.setdefault("asset", set()).update(resolved.properties)
    return lambda _, nested: nested[RESOLVED][key]


def _frame_asset(asset: Reader) -> Reader:
    return lambda frame, _: asset(frame["asset"], NO_NESTED)


def _constant(value: str) -> Reader:
    return lambda _, __: value


def _plain(type_name: str, name: str, definition: GraphQLField) -> tuple[str, Reader]:
    """(property, its reader) of a stored property shown as it is, serialized by the
    field's type."""
    leaf_only = is_leaf_type(get_nullable_type(definition.type))
    if type_name not in MODELS or definition.args or not leaf_only:
        raise NotCompiled(f"{type_name}.{name}")
    strawberry_field = definition.extensions.get("strawberry-definition")
    if strawberry_field is None or strawberry_field.base_resolver is not None:
        raise NotCompiled(f"{type_name}.{name}")
    key, default = _property(MODELS[type_name], strawberry_field.python_name, name)
    serialize = value_serializer(definition.type, f"{type_name}.{name}")
    return key, lambda properties, _: serialize(properties.get(key, default))


def _property(model: type[BaseModel] | None, python_name: str, name: str) -> tuple[str, Any]:
    """(property, value when it is missing) of a plain field: the model's alias and
    default, else the field's own name (a frame's row)."""
    if model is None:
        return name, None
    model_field = model.model_fields.get(python_name)
    if model_field is None or model_field.alias is None:
        raise NotCompiled(name)
    default = None if model_field.is_required() else model_field.get_default()
    return model_field.alias, default
