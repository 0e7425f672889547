"""Relay cursor connections over keyset pages (`lineage.paging`), shared by every list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

import strawberry

from lineage.paging import Page, SortKey

T = TypeVar("T")
N = TypeVar("N")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int


class HasCursor(Protocol):
    cursor: str


E = TypeVar("E", bound=HasCursor)


def window(edges: Sequence[E], asked: Page) -> tuple[list[E], PageInfo]:
    """The page's edges out of up to `size + 1` fetched (the extra one means 'more')."""
    shown = list(edges[: asked.size])
    return shown, PageInfo(
        has_next_page=len(edges) > asked.size,
        has_previous_page=asked.after_id is not None,
        start_cursor=shown[0].cursor if shown else None,
        end_cursor=shown[-1].cursor if shown else None,
    )


def connection(
    items: Sequence[N], asked: Page, total: int, key: Callable[[N], tuple[SortKey, str]]
) -> Connection[N]:
    """A connection from up to `size + 1` fetched items; `key`: an item's (sort key, id)."""
    edges, info = window(
        [Edge(cursor=asked.cursor(*key(item)), node=item) for item in items], asked
    )
    return Connection(edges=edges, page_info=info, total_count=total)
