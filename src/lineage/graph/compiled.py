"""`lineage` answered straight from the drawn subgraph, without graphql-core's field-by-field
execution (about 6 resolver calls per node and edge of the typed fields): the `lineage`
root field's compiler for `lineage.api.compiled`.

A selection compiles when it reads only what the drawing holds: `rootId`, `truncated`,
`graph`, and the typed `nodes` (`id kind labels distance properties`) and `edges`
(`fromId toId type properties`), each with any `__typename`; each value is serialized
by its field's GraphQL type, as the resolvers in `lineage.graph.gql` give it. A node's
`asset` (a batch of Asset objects) is the normal execution's; so is an unknown id, a
depth out of bounds, the database's error (tests/api/test_compiled_lineage.py compares
both over many selections).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from graphql import GraphQLField, GraphQLObjectType
from graphql.execution.collect_fields import FieldDetails

from lineage.api.selection import (
    ColumnCheck,
    NotCompiled,
    Selection,
    column_check,
    object_type,
    value_serializer,
)
from lineage.graph.drawing import EDGE_KEYS, NODE_KEYS

Drawn = dict[str, Any]
Reader = Callable[[Drawn], Any]  # (a drawing, or one of its nodes or edges) -> JSON
ListReader = Callable[[list[Drawn]], list[Any]]  # a drawing's nodes or edges -> JSON
# Each typed field of a drawing's nodes and edges, by the key the drawing holds it under,
# in the drawing's order.
FIELDS = {"nodes": NODE_KEYS, "edges": EDGE_KEYS}


@dataclass(frozen=True)
class CompiledLineage:
    """One `lineage` field: the reader of its drawing."""

    read: Reader

    async def answer(self, arguments: dict[str, Any], context: Any) -> Any:
        """The field's answer, drawn by the service the `lineage` resolver calls."""
        node_id, direction, depth = arguments["id"], arguments["direction"], arguments["depth"]
        return self.read(await context.lineage.draw(str(node_id), direction, depth))


def compile_lineage(
    selection: Selection, definition: GraphQLField, details: list[FieldDetails]
) -> CompiledLineage:
    """The compiled `lineage` field of the operation, or NotCompiled."""
    result = object_type(definition.type)
    readers = [
        (key, _result_field(selection, result, name, field, group))
        for key, (name, field, group) in selection.fields(result, details).items()
    ]
    return CompiledLineage(lambda drawn: {key: each(drawn) for key, each in readers})


def _result_field(
    selection: Selection,
    result: GraphQLObjectType,
    name: str,
    field: GraphQLField,
    group: list[FieldDetails],
) -> Reader:
    """A LineageResult field's reader, as its resolver gives it."""
    if name == "__typename":
        return lambda _: result.name
    if name == "graph":
        return _read(field, "graph", lambda drawn: drawn)
    if name == "rootId":
        return _read(field, name, lambda drawn: drawn["rootId"])
    if name == "truncated":
        return _read(field, name, lambda drawn: bool(drawn["truncated"]))
    if name in ("nodes", "edges"):
        items = _typed(selection, object_type(field.type), group, name)
        return lambda drawn: items(drawn[name])
    raise NotCompiled(name)


def _read(field: GraphQLField, where: str, value: Reader) -> Reader:
    serialize = value_serializer(field.type, where)
    return lambda drawn: serialize(value(drawn))


def _typed(
    selection: Selection, parent: GraphQLObjectType, details: list[FieldDetails], name: str
) -> ListReader:
    """The reader of a drawing's LineageNodes or LineageEdges: their plain fields, from the
    drawing's nodes or edges holding them under their names; by columns (`_by_columns`)
    when each selected field's type has a column check."""
    plain = FIELDS[name]
    readers: list[tuple[str, Reader]] = []
    columns: list[Column] = []
    for key, (field_name, field, _) in selection.fields(parent, details).items():
        if field_name == "__typename":
            readers.append((key, lambda _: parent.name))
            columns.append(Column(key, None, lambda _: True))
        elif field_name in plain:
            readers.append((key, _named(field, field_name)))
            columns.append(Column(key, field_name, column_check(field.type)))
        else:
            raise NotCompiled(f"{parent.name}.{field_name}")

    def item(each: Drawn) -> Any:
        return {key: read(each) for key, read in readers}

    if any(column.check is None for column in columns):
        return lambda items: [item(each) for each in items]
    as_drawn = all(column.key == column.name for column in columns)
    as_drawn = as_drawn and tuple(column.name for column in columns) == plain
    return _by_columns(parent.name, columns, item, as_drawn)


@dataclass(frozen=True)
class Column:
    """A selected field of many nodes or edges: its response key, the drawing's key holding
    it (None: `__typename`), and its column check (None: it has none)."""

    key: str
    name: str | None
    check: ColumnCheck | None


def _by_columns(typename: str, columns: list[Column], item: Reader, as_drawn: bool) -> ListReader:
    """Each selected field's values taken as one column and checked at once: when every
    column is what its serializer gives back unchanged, the objects are built from the
    columns as they are (a few C-level passes a field instead of a few calls a value), or
    are the drawing's own when the selection is every field, unaliased, in the drawing's
    order (`as_drawn`: the same keys, in the same order, holding the same values);
    otherwise `item` reads each object value by value."""
    keys = tuple(column.key for column in columns)

    def read(items: list[Drawn]) -> list[Any]:
        values = []
        for column in columns:
            if column.name is None:
                values.append([typename] * len(items))
                continue
            found = list(map(itemgetter(column.name), items))
            if column.check is None or not column.check(found):
                return [item(each) for each in items]
            values.append(found)
        if as_drawn:
            return items
        return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]

    return read


def _named(field: GraphQLField, name: str) -> Reader:
    """The reader of a node's or an edge's field, held under its name."""
    serialize = value_serializer(field.type, name)
    return lambda item: serialize(item[name])
