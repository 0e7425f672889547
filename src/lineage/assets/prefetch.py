"""A nested field of an asset in GraphQL: the value its page's statement read along with
the page (`lineage.assets.page_plan`), else its DataLoader's."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

from strawberry.dataloader import DataLoader

K = TypeVar("K")
T = TypeVar("T")
NOT_READ: Any = object()


class Prefetching(Protocol):
    prefetched: dict[str, Any] | None


def prefetched(node: Prefetching, field: str) -> Any:
    """What the page's statement read for the node's `field`, or NOT_READ."""
    return NOT_READ if node.prefetched is None else node.prefetched.get(field, NOT_READ)


async def nested(node: Prefetching, field: str, loader: DataLoader[K, T], key: K) -> T:
    """The node's `field` as `loader` gives it for `key`, without the loader when read."""
    found = prefetched(node, field)
    if found is NOT_READ:
        return await loader.load(key)
    return cast(T, found)
