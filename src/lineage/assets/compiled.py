"""An `assets` page answered straight from its statement's rows, without graphql-core's
field-by-field execution (about 1,850 resolver calls for Story Builder's page).

`CompiledPages` runs after parsing, validation, the limits and the scope check: when
the operation is a query of one `assets` field (beside any `__typename`) whose whole
selection `compiled_shape` can read from the page's rows (edges with cursor, node,
matchedPrompts and matchedOwnText; pageInfo; totalCount), it reads the page with the
same services the resolver calls and sets the result. Anything else, and any error on
the way (a bad cursor, a page too large, the database), leaves the operation to the
normal execution, which answers it (or reports the error) as always: the fast path
only ever answers what the normal path would answer the same (tests/api/
test_compiled_page.py compares them over many selections).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)
from graphql.execution.collect_fields import FieldDetails, collect_fields
from graphql.execution.executor import Executor
from graphql.execution.values import get_argument_values
from strawberry import Schema
from strawberry.extensions import SchemaExtension
from strawberry.types.arguments import convert_arguments
from strawberry.types.graphql import OperationType

from lineage.assets import page_plan
from lineage.assets.compiled_shape import NO_NESTED, NotCompiled, Row, Selection, object_reader
from lineage.assets.gql import catalog_query, order_name
from lineage.assets.nested import SHOWN_KINDS
from lineage.errors import LineageError
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


ROOT_TYPENAME = "Query"
PageReader = Callable[[Answered], Any]
EdgeReader = Callable[[Answered, Row], Any]


@dataclass(frozen=True)
class CompiledPage:
    """One `assets` field: its response key, its resolver's arguments, the nested fields
    its statement reads, the properties it returns of each kind of node, whether it shows
    the total, and the reader of its answer."""

    key: str
    keys: tuple[str, ...]  # every root response key in order: the page's and __typename's
    arguments: dict[str, Any]
    nested: tuple[str, ...]
    shown: dict[str, list[str]]
    counts: bool
    read: PageReader


def compile_page(
    schema: Schema, document: DocumentNode, variables: dict[str, Any] | None, name: str | None
) -> CompiledPage:
    """The compiled `assets` page of the operation, or NotCompiled."""
    core: GraphQLSchema = schema._schema
    executor = Executor.build(core, document, None, None, variables, name)
    if isinstance(executor, list) or executor.operation.operation.value != "query":
        raise NotCompiled("not a valid query")
    root = core.query_type
    assert root is not None
    collected = collect_fields(
        core, executor.fragments, executor.variable_values, root, executor.operation
    )
    selection = Selection(core, executor.fragments, executor.variable_values, executor.operation)
    fields = selection.named(root, collected.grouped_field_set)
    pages = [key for key, (name, _, _) in fields.items() if name == "assets"]
    others = [name for name, _, _ in fields.values() if name not in ("assets", "__typename")]
    if collected.new_defer_usages or len(pages) != 1 or others:
        raise NotCompiled("not one assets page")
    _, definition, group = fields[pages[0]]
    raw = get_argument_values(definition, group[0].node, executor.variable_values)
    arguments = convert_arguments(
        raw,
        definition.extensions["strawberry-definition"].arguments,
        scalar_registry=schema.schema_converter.scalar_registry,
        config=schema.config,
    )
    read, counts = _connection(selection, _object_type(definition.type), group)
    nested = tuple(f for f in page_plan.NESTED if f in selection.nested)
    return CompiledPage(pages[0], tuple(fields), arguments, nested, _shown(selection), counts, read)


def _shown(selection: Selection) -> dict[str, list[str]]:
    """The properties the statement returns of each kind of node: those read, and the
    page's assets' ids (for the cursors)."""
    shown = {kind: sorted(selection.shown.get(kind, ())) for kind in SHOWN_KINDS}
    shown["asset"] = sorted({"id", *shown["asset"]})
    return shown


def _object_type(output: Any) -> GraphQLObjectType:
    named = get_named_type(output)
    if not isinstance(named, GraphQLObjectType):
        raise NotCompiled(named.name)
    return named


def _connection(
    selection: Selection, connection: GraphQLObjectType, details: list[FieldDetails]
) -> tuple[PageReader, bool]:
    """The reader of an AssetConnection, and whether it shows totalCount."""
    readers: list[tuple[str, PageReader]] = []
    counts = False
    for key, (name, definition, group) in selection.fields(connection, details).items():
        if name == "__typename":
            readers.append((key, _constant(connection.name)))
        elif name == "edges":
            edge = _edge(selection, _object_type(definition.type), group)
            readers.append((key, _edges(edge)))
        elif name == "pageInfo":
            readers.append((key, _page_info(selection, _object_type(definition.type), group)))
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


def _edge(selection: Selection, edge: GraphQLObjectType, details: list[FieldDetails]) -> EdgeReader:
    readers: list[tuple[str, EdgeReader]] = []
    for key, (name, definition, group) in selection.fields(edge, details).items():
        readers.append((key, _edge_field(selection, edge, name, definition, group)))
    return lambda page, row: {key: each(page, row) for key, each in readers}


def _edge_field(
    selection: Selection, edge: GraphQLObjectType, name: str, definition: Any, group: Any
) -> EdgeReader:
    if name == "__typename":
        return lambda _, __: edge.name
    if name == "cursor":
        return lambda page, row: page.cursor(row)
    if name == "matchedOwnText":
        return lambda _, row: row["matchedOwnText"]
    if name == "node":
        node = object_reader(selection, _object_type(definition.type), group, "asset")
        return lambda _, row: node(row["asset"], row.get("nested", NO_NESTED))
    if name == "matchedPrompts":
        prompt = object_reader(selection, _object_type(definition.type), group, "matched")
        return lambda _, row: [prompt(p, NO_NESTED) for p in row["matchedPrompts"]]
    raise NotCompiled(name)


PAGE_INFO: dict[str, PageReader] = {
    "hasNextPage": lambda page: page.more,
    "hasPreviousPage": lambda page: page.asked.after_id is not None,
    "startCursor": lambda page: page.cursor(page.rows[0]) if page.rows else None,
    "endCursor": lambda page: page.cursor(page.rows[-1]) if page.rows else None,
}


def _page_info(
    selection: Selection, info: GraphQLObjectType, details: list[FieldDetails]
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


async def answer(compiled: CompiledPage, context: Any) -> dict[str, Any]:
    """The operation's data, read with the services the `assets` resolver calls."""
    arguments = compiled.arguments
    order_by = arguments.get("order_by")
    asked = page(
        order_name(order_by), arguments.get("first"), arguments.get("after"), context.settings
    )
    query = catalog_query(arguments.get("filter"), order_by)
    rows, total = await context.assets.list_page_rows(asked, query, compiled.nested, compiled.shown)
    if compiled.counts and total is None:
        total = await context.assets.count(query)
    answered = Answered(rows[: asked.size], asked, len(rows) > asked.size, total)
    read = compiled.read(answered)
    return {key: read if key == compiled.key else ROOT_TYPENAME for key in compiled.keys}


class CompiledPages(SchemaExtension):
    """Answers a compiled `assets` page before graphql-core executes it (module docstring)."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.result is None and context.operation_type is OperationType.QUERY:
            data = await _answered(context)
            if data is not None:
                context.result = ExecutionResult(data=data)
        yield


async def _answered(context: Any) -> dict[str, Any] | None:
    """The compiled answer, or None: the normal execution answers (or reports why not)."""
    assert context.graphql_document is not None
    try:
        compiled = compile_page(
            context.schema, context.graphql_document, context.variables, context.operation_name
        )
        return await answer(compiled, context.context)
    except (NotCompiled, LineageError, GraphQLError, KeyError, TypeError, ValueError):
        return None
