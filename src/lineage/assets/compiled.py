"""An `assets` page answered straight from its statement's rows, without graphql-core's
field-by-field execution (about 1,850 resolver calls for Story Builder's page): the
`assets` root field's compiler for `lineage.api.compiled`.

A selection compiles when `compiled_shape` can read all of it from the page's rows
(edges with cursor, node, matchedPrompts and matchedOwnText; pageInfo; totalCount);
the page is read with the same services the resolver calls. A bad cursor, a page too
large or the database's error leaves the operation to the normal execution
(tests/api/test_compiled_page.py compares both over many selections).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLField, GraphQLObjectType
from graphql.execution.collect_fields import FieldDetails

from lineage.api.selection import NotCompiled, Selection, object_type
from lineage.assets import page_plan
from lineage.assets.compiled_fields import ResolvedField
from lineage.assets.compiled_shape import (
    NO_NESTED,
    RESOLVED,
    PageSelection,
    Row,
    object_reader,
)
from lineage.assets.gql import catalog_query, order_name
from lineage.assets.nested import SHOWN_KINDS
from lineage.paging import Page, page


@dataclass(frozen=True)
class Answered:
    """A page as read: its rows (at most its size), whether more follow, the total."""

    rows: list[Row]
    asked: Page
    more: bool
    total: int | None

    def cursor(self, row: Row) -> str:
        return self.asked.cursor(row["key"], row["asset"]["id"])


PageReader = Callable[[Answered], Any]
EdgeReader = Callable[[Answered, Row], Any]


@dataclass(frozen=True)
class CompiledPage:
    """One `assets` field: the nested fields its statement reads, the properties it
    returns of each kind of node, whether it shows the total, the resolver fields of its
    nodes (by response key), and the reader of its answer."""

    nested: tuple[str, ...]
    shown: dict[str, list[str]]
    counts: bool
    resolved: dict[str, ResolvedField]
    read: PageReader

    async def answer(self, arguments: dict[str, Any], context: Any) -> Any:
        """The field's answer, read with the services the `assets` resolver calls."""
        order_by = arguments.get("order_by")
        asked = page(
            order_name(order_by), arguments.get("first"), arguments.get("after"), context.settings
        )
        query = catalog_query(arguments.get("filter"), order_by)
        rows, total = await context.assets.list_page_rows(
            asked, query, self.nested, self.shown, self.counts
        )
        shown = await self._resolved(rows[: asked.size], context)
        return self.read(Answered(shown, asked, len(rows) > asked.size, total))

    async def _resolved(self, rows: list[Row], context: Any) -> list[Row]:
        """The rows with their nodes' resolver fields' values (`RESOLVED`), all fields at
        once (the orphan states' statement while the previews are found)."""
        if not self.resolved:
            return rows
        nodes = [row["asset"] for row in rows]
        fields = self.resolved.values()
        found = await asyncio.gather(*(each.resolve(nodes, context) for each in fields))
        by_key = dict(zip(self.resolved, found, strict=True))
        return [
            {**row, "nested": {**row.get("nested", NO_NESTED), RESOLVED: _at(by_key, index)}}
            for index, row in enumerate(rows)
        ]


def _at(values: dict[str, list[Any]], index: int) -> dict[str, Any]:
    return {key: each[index] for key, each in values.items()}


def compile_page(
    selection: Selection, definition: GraphQLField, details: list[FieldDetails]
) -> CompiledPage:
    """The compiled `assets` page of the operation, or NotCompiled."""
    page_selection = PageSelection(
        selection.schema, selection.fragments, selection.variables, selection.operation
    )
    read, counts = _connection(page_selection, object_type(definition.type), details)
    nested = tuple(f for f in page_plan.NESTED if f in page_selection.nested)
    resolved = page_selection.resolved
    return CompiledPage(nested, _shown(page_selection), counts, resolved, read)


def _shown(selection: PageSelection) -> dict[str, list[str]]:
    """The properties the statement returns of each kind of node: those read, and the
    page's assets' ids (for the cursors)."""
    shown = {kind: sorted(selection.shown.get(kind, ())) for kind in SHOWN_KINDS}
    shown["asset"] = sorted({"id", *shown["asset"]})
    return shown


def _connection(
    selection: PageSelection, connection: GraphQLObjectType, details: list[FieldDetails]
) -> tuple[PageReader, bool]:
    """The reader of an AssetConnection, and whether it shows totalCount."""
    readers: list[tuple[str, PageReader]] = []
    counts = False
    for key, (name, definition, group) in selection.fields(connection, details).items():
        if name == "__typename":
            readers.append((key, _constant(connection.name)))
        elif name == "edges":
            edge = _edge(selection, object_type(definition.type), group)
            readers.append((key, _edges(edge)))
        elif name == "pageInfo":
            readers.append((key, _page_info(selection, object_type(definition.type), group)))
        elif name == "totalCount":
            counts = True
            readers.append((key, lambda page: page.total))
        else:
            raise NotCompiled(name)
    return (lambda page: {key: each(page) for key, each in readers}), counts


def _constant(value: str) -> PageReader:
    return lambda _: value


def _edges(edge: EdgeReader) -> PageReader:
    return lambda page: [edge(page, row) for row in page.rows]


def _edge(
    selection: PageSelection, edge: GraphQLObjectType, details: list[FieldDetails]
) -> EdgeReader:
    readers: list[tuple[str, EdgeReader]] = []
    for key, (name, definition, group) in selection.fields(edge, details).items():
        readers.append((key, _edge_field(selection, edge, name, definition, group)))
    return lambda page, row: {key: each(page, row) for key, each in readers}


def _edge_field(
    selection: PageSelection, edge: GraphQLObjectType, name: str, definition: Any, group: Any
) -> EdgeReader:
    if name == "__typename":
        return lambda _, __: edge.name
    if name == "cursor":
        return lambda page, row: page.cursor(row)
    if name == "matchedOwnText":
        return lambda _, row: row["matchedOwnText"]
    if name == "node":
        node = object_reader(selection, object_type(definition.type), group, "asset")
        return lambda _, row: node(row["asset"], row.get("nested", NO_NESTED))
    if name == "matchedPrompts":
        prompt = object_reader(selection, object_type(definition.type), group, "matched")
        return lambda _, row: [prompt(p, NO_NESTED) for p in row["matchedPrompts"]]
    raise NotCompiled(name)


PAGE_INFO: dict[str, PageReader] = {
    "hasNextPage": lambda page: page.more,
    "hasPreviousPage": lambda page: page.asked.after_id is not None,
    "startCursor": lambda page: page.cursor(page.rows[0]) if page.rows else None,
    "endCursor": lambda page: page.cursor(page.rows[-1]) if page.rows else None,
}


def _page_info(
    selection: PageSelection, info: GraphQLObjectType, details: list[FieldDetails]
) -> PageReader:
    readers: list[tuple[str, PageReader]] = []
    for key, (name, _, _) in selection.fields(info, details).items():
        if name == "__typename":
            readers.append((key, _constant(info.name)))
        elif name in PAGE_INFO:
            readers.append((key, PAGE_INFO[name]))
        else:
            raise NotCompiled(name)
    return lambda page: {key: each(page) for key, each in readers}
