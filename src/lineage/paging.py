"""Keyset paging, shared by every list: pages, cursors and their checks.

A cursor names the last item of a page by its sort key and id, never by its
position: the next page is the items after (key, id) in the list's order, so
items recorded or removed between two pages neither repeat nor go missing. A
cursor also names the order it was made for (`assets:name:asc`) and carries a
checksum of its content: a cursor of another order, an edited one or one that
does not decode is an `InvalidInputError` naming `after`. The checksum catches
edits and mix-ups, not forgery; a forged cursor can only start a page elsewhere.

Lists order by their key, then by id in the same direction; items without a key
(an asset without cost or name) come after every item with one, in either
direction. The Cypher of each list applies the same rule (`$afterKey`, `$afterId`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from lineage.errors import InvalidInputError, LimitExceededError
from lineage.settings import Settings

SortKey = str | int | float | None


@dataclass(frozen=True)
class Page:
    """One page asked for: its list's order, its size and where it starts."""

    order: str
    size: int
    after_key: SortKey = None
    after_id: str | None = None

    def params(self) -> dict[str, object]:
        """The Cypher parameters of the page: one item more than asked tells 'more'."""
        return {"afterKey": self.after_key, "afterId": self.after_id, "limit": self.size + 1}

    def cursor(self, key: SortKey, item_id: str) -> str:
        return encode_cursor(self.order, key, item_id)


def _checksum(content: list[object]) -> str:
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()[:16]


def encode_cursor(order: str, key: SortKey, item_id: str) -> str:
    content: list[object] = [order, key, item_id]
    text = json.dumps([*content, _checksum(content)], ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode()


def _decoded(cursor: str) -> list[object]:
    try:
        found = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidInputError(f"'after' is not a cursor this API gave out: {cursor!r}") from exc
    if not isinstance(found, list) or len(found) != 4 or found[3] != _checksum(found[:3]):
        raise InvalidInputError(f"'after' is not a cursor this API gave out: {cursor!r}")
    return found[:3]


def decode_cursor(cursor: str, order: str) -> tuple[SortKey, str]:
    """(sort key, id) of the item a cursor of this order names; a clear error otherwise."""
    made_for, key, item_id = _decoded(cursor)
    if made_for != order:
        raise InvalidInputError(
            f"'after' is a cursor of another list or order ({made_for}), not of {order}: "
            "start again from the first page"
        )
    if not isinstance(item_id, str) or not isinstance(key, str | int | float | None):
        raise InvalidInputError(f"'after' is not a cursor this API gave out: {cursor!r}")
    return key, item_id


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


def page(order: str, first: int | None, after: str | None, settings: Settings) -> Page:
    """The page `first`/`after` ask for in a list of this order."""
    size = page_size(first, settings)
    if after is None:
        return Page(order, size)
    key, item_id = decode_cursor(after, order)
    return Page(order, size, key, item_id)
