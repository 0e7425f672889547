"""Relay cursor connections, shared by every list of the API."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from lineage.errors import InvalidInputError, LimitExceededError
from lineage.settings import Settings

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


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    """The key inside an opaque cursor; a clear error when it is not one of ours."""
    if cursor is None:
        return None
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidInputError(f"'after' is not a cursor this API gave out: {cursor!r}") from exc


def page_size(first: int | None, settings: Settings) -> int:
    """`first`, defaulted and checked against the configured maximum."""
    size = settings.default_page_size if first is None else first
    if size < 0:
        raise InvalidInputError(f"'first' must be zero or more, got {size}")
    if size > settings.max_page_size:
        raise LimitExceededError(
            f"'first' is {size}; the maximum page size is {settings.max_page_size}"
        )
    return size


def connection(
    items: Sequence[N],
    size: int,
    total: int,
    key: Callable[[N], str],
    has_previous: bool,
) -> Connection[N]:
    """A connection from up to `size + 1` fetched items (the extra one means 'more')."""
    page = list(items[:size])
    edges = [Edge(cursor=encode_cursor(key(item)), node=item) for item in page]
    info = PageInfo(
        has_next_page=len(items) > size,
        has_previous_page=has_previous,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info, total_count=total)


def offset_window(first: int | None, after: str | None, settings: Settings) -> tuple[int, int]:
    """(skip, size) for a list paged by position; cursors are opaque offsets."""
    size = page_size(first, settings)
    start = decode_cursor(after)
    if start is None:
        return 0, size
    if not start.startswith("offset:") or not start[7:].isdigit():
        raise InvalidInputError(f"'after' is not a cursor of this list: {after!r}")
    return int(start[7:]) + 1, size


def offset_connection(items: Sequence[N], skip: int, size: int, total: int) -> Connection[N]:
    """A connection over one window of a list of `total` items."""
    edges = [
        Edge(cursor=encode_cursor(f"offset:{skip + i}"), node=n) for i, n in enumerate(items[:size])
    ]
    info = PageInfo(
        has_next_page=skip + len(edges) < total,
        has_previous_page=skip > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info, total_count=total)
