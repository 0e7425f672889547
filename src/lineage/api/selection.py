"""A query's selection as graphql-core collects it, and its leaves serialized as graphql-core
serializes them: what a compiled root field (`lineage.api.compiled`) reads its answer with.

Fields are collected by graphql-core's own `collect_subfields` (fragments, aliases,
@skip/@include with variables, merged response keys, in its order). Anything a compiled
answer cannot give as graphql-core would (@defer, fragment variables, a value its type
does not serialize as it is, a null where the type forbids one) raises `NotCompiled`,
and the normal execution answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    get_named_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
)
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues
from graphql.language import OperationDefinitionNode

INT_RANGE = (-(2**31), 2**31 - 1)  # GraphQL's Int: 32 bits
KEPT_AS_THEY_ARE: dict[str, Callable[[Any], bool]] = {
    "String": lambda value: type(value) is str,
    "ID": lambda value: type(value) is str,
    "DateTime": lambda value: type(value) is str,
    "Int": lambda value: type(value) is int and INT_RANGE[0] <= value <= INT_RANGE[1],
    "Float": lambda value: type(value) is float and math.isfinite(value),
    "Boolean": lambda value: type(value) is bool,
}
TYPENAME = GraphQLField(GraphQLString)  # what `__typename` stands for in `Selection.named`
Collected = dict[str, tuple[str, GraphQLField, list[FieldDetails]]]


class NotCompiled(Exception):
    """The selection (or a value) holds something only the normal execution answers."""


@dataclass
class Selection:
    """graphql-core's view of an operation, to collect the fields of its selections."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDetails]
    variables: VariableValues
    operation: OperationDefinitionNode

    def fields(self, parent: GraphQLObjectType, details: list[FieldDetails]) -> Collected:
        """{response key: (field name, definition, its nodes)} of `details`' selections."""
        grouped = collect_subfields(
            self.schema, self.fragments, self.variables, self.operation, parent, details
        ).grouped_field_set
        return self.named(parent, grouped)

    def named(self, parent: GraphQLObjectType, grouped: dict[str, list[FieldDetails]]) -> Collected:
        """{response key: (field name, definition, its nodes)} of collected fields
        (`__typename`'s definition: a String field, never read)."""
        found = {}
        for key, group in grouped.items():
            if any(d.defer_usage or d.fragment_variable_values for d in group):
                raise NotCompiled("@defer or fragment variables")
            name = group[0].node.name.value
            definition = parent.fields.get(name, TYPENAME if name == "__typename" else None)
            if definition is None:
                raise NotCompiled(name)
            found[key] = (name, definition, group)
        return found


def object_type(output: Any) -> GraphQLObjectType:
    """The object type a field gives (through lists and non-nulls), or NotCompiled."""
    named = get_named_type(output)
    if not isinstance(named, GraphQLObjectType):
        raise NotCompiled(named.name)
    return named


def value_serializer(output: GraphQLOutputType, where: str) -> Callable[[Any], Any]:
    """A leaf or list of leaves of type `output` as graphql-core completes it; NotCompiled
    for a null where `output` forbids one (graphql-core reports an error there)."""
    if is_non_null_type(output):
        nullable = output.of_type  # a leaf's serializer at once: one call less a value
        inner = (
            leaf_serializer(nullable)
            if is_leaf_type(nullable)
            else value_serializer(nullable, where)
        )

        def required(value: Any) -> Any:
            if value is None:
                raise NotCompiled(f"{where} is null")
            return inner(value)

        return required
    if is_list_type(output):
        item = value_serializer(output.of_type, where)

        def many(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, list):
                raise NotCompiled(f"{where} is not a list")
            return [item(each) for each in value]

        return many
    if not is_leaf_type(output):
        raise NotCompiled(where)
    leaf = leaf_serializer(output)
    return lambda value: None if value is None else leaf(value)


def leaf_serializer(leaf: GraphQLLeafType) -> Callable[[Any], Any]:
    """`leaf.serialize`, without its call for the values it returns as they are: a
    string of String, ID or DateTime (`str`), a 32-bit int, a finite float, a bool;
    an enum's stored value looked up."""
    if isinstance(leaf, GraphQLEnumType):
        names = {value.value: name for name, value in leaf.values.items()}
        return lambda value: names[value] if value in names else leaf.serialize(value)
    kept = KEPT_AS_THEY_ARE.get(leaf.name)
    if kept is None:
        return leaf.serialize
    return lambda value: value if kept(value) else leaf.serialize(value)


ColumnCheck = Callable[[list[Any]], bool]


def column_check(output: GraphQLOutputType) -> ColumnCheck | None:
    """A check that a whole column of values (one field of many objects) is what
    `value_serializer(output)` gives back unchanged, in C-level passes rather than calls
    a value; None for a type without one (the serializer then reads each value)."""
    if not is_non_null_type(output):
        return None
    inner = output.of_type
    if is_list_type(inner):
        if not is_non_null_type(inner.of_type) or not is_leaf_type(inner.of_type.of_type):
            return None
        items = _leaf_check(inner.of_type.of_type)
        if items is None:
            return None
        check_items = items
        return lambda column: _only(column, list) and check_items(list(chain.from_iterable(column)))
    return _leaf_check(inner) if is_leaf_type(inner) else None


def _leaf_check(leaf: GraphQLLeafType) -> ColumnCheck | None:
    """A column check of non-null leaves: `leaf_serializer` keeps each as it is."""
    if isinstance(leaf, GraphQLEnumType):
        kept = frozenset(name for name, value in leaf.values.items() if value.value == name)
        return lambda column: _only(column, str) and kept.issuperset(column)
    if leaf.name in ("String", "ID"):
        return lambda column: _only(column, str)
    if leaf.name == "Int":
        low, high = INT_RANGE
        return lambda column: (
            _only(column, int)
            and low <= min(column, default=0)
            and (max(column, default=0) <= high)
        )
    probe = object()
    if leaf.serialize(probe) is probe:  # JSON: any value but null, as it is
        return lambda column: None not in column
    return None


def _only(column: list[Any], kind: type) -> bool:
    """Every value of `column` is exactly of type `kind` (no None, no subclass)."""
    return set(map(type, column)) <= {kind}
