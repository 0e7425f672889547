"""Which statement serves a catalog page: one anchored on an index for each filter shape.

A page of `assets` reads the catalog in the order of an index, from the cursor
on, and stops after one page of matches (the filters that are not the anchor
drop assets as it reads): the work of a page does not grow with the catalog.
- words (`search`) or a slot: `assets/list_by_words_or_slot` (the full-text
  index, or the slot key's);
- otherwise the index of the order, in the project's composite index when a
  project is given (`cypher/assets/catalog/`), then the assets without the
  order's key (cost and name may be missing), which come last in either
  direction. The fragments are composed here, never formatted.
`totalCount` is counted by its own statement, only when asked for.

A page that names nested fields (`lineage.assets.page_plan`) reads them in the
same statement: after the filter, `assets/page/limited`, one fragment per nested
field (a `CALL` subquery each), then `assets/page/collected`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lineage.db.cypher import composed
from lineage.paging import SortKey

Anchor = tuple[bool, str, bool]  # (within a project, order field, descending)

ANCHORS: dict[Anchor, str] = {
    (False, "createdAt", True): "assets/catalog/newest_first",
    (False, "createdAt", False): "assets/catalog/oldest_first",
    (True, "createdAt", True): "assets/catalog/newest_first_in_project",
    (True, "createdAt", False): "assets/catalog/oldest_first_in_project",
    (False, "estimatedCost", True): "assets/catalog/costliest_first",
    (False, "estimatedCost", False): "assets/catalog/cheapest_first",
    (True, "estimatedCost", True): "assets/catalog/costliest_first_in_project",
    (True, "estimatedCost", False): "assets/catalog/cheapest_first_in_project",
    (False, "name", True): "assets/catalog/by_name_z_to_a",
    (False, "name", False): "assets/catalog/by_name_a_to_z",
    (True, "name", True): "assets/catalog/by_name_z_to_a_in_project",
    (True, "name", False): "assets/catalog/by_name_a_to_z_in_project",
}
WITHOUT_KEY = {False: "assets/catalog/without_key", True: "assets/catalog/without_key_in_project"}
COUNTED = {False: "assets/catalog/counted_all", True: "assets/catalog/counted_in_project"}
FILTERED, PAGE, COUNT = "assets/catalog/filtered", "assets/catalog/page", "assets/catalog/count"
EVERY = "assets/count_all"
# the parameters of `FILTERED` and of the project anchor (None or False: no filter)
FILTER_NAMES = (
    *("type", "provider", "model", "status", "projectCode"),
    *("createdFrom", "createdTo", "currentOnly", "orphaned"),
)
BY_WORDS_OR_SLOT = "assets/list_by_words_or_slot"
LIMITED, COLLECTED = "assets/page/limited", "assets/page/collected"
NESTED_FRAGMENTS = {
    "frames": "assets/page/frames",
    "prompts": "assets/page/prompts",
    "sources": "assets/page/sources",
    "versions": "assets/page/versions",
    "previousVersion": "assets/page/previous_version",
    "currentVersion": "assets/page/current_version",
    "usedBy": "assets/page/used_by",
    "workflow": "assets/page/workflow",
    "project": "assets/page/project",
}

# Where an anchor starts on the first page: before every key and id in its direction.
HIGHEST = "\U0010ffff"
FIRST_KEY: dict[tuple[str, bool], SortKey] = {
    ("createdAt", True): HIGHEST,
    ("createdAt", False): "",
    ("name", True): HIGHEST,
    ("name", False): "",
    ("estimatedCost", True): float("inf"),
    ("estimatedCost", False): float("-inf"),
}
NULLABLE_ORDERS = frozenset({"estimatedCost", "name"})


def found_by_index(filters: dict[str, Any]) -> bool:
    """Whether the page is anchored on an order index (no words, no slot)."""
    return filters["search"] is None and filters["slotKey"] is None


def anchored_page(filters: dict[str, Any], nested: Sequence[str] = ()) -> str:
    """The page from the cursor on, with the `nested` fields of `NESTED_FRAGMENTS`."""
    in_project = filters["projectCode"] is not None
    anchor = ANCHORS[(in_project, filters["orderBy"], filters["descending"])]
    return composed(anchor, FILTERED, *_paged(nested))


def tail_page(filters: dict[str, Any], nested: Sequence[str] = ()) -> str:
    """The page of the assets without the order's key."""
    return composed(WITHOUT_KEY[filters["projectCode"] is not None], FILTERED, *_paged(nested))


def _paged(nested: Sequence[str]) -> list[str]:
    """What follows the filter: the plain page, or the page with its nested fields."""
    if not nested:
        return [PAGE]
    return [LIMITED, *(NESTED_FRAGMENTS[field] for field in nested), COLLECTED]


def counting(filters: dict[str, Any]) -> str:
    if all(filters.get(name) is None or filters.get(name) is False for name in FILTER_NAMES):
        return EVERY  # the whole catalog's count: Neo4j's count store, not a scan of it
    return composed(COUNTED[filters["projectCode"] is not None], FILTERED, COUNT)


def start_of(filters: dict[str, Any], key: SortKey, item_id: str | None) -> dict[str, Any]:
    """The anchor's cursor parameters: the page's own, or the very first; a list by
    creation time starts at the near end of its date range when that is further on."""
    order = (filters["orderBy"], filters["descending"])
    if item_id is None:
        key, item_id = FIRST_KEY[order], str(FIRST_KEY[("name", order[1])])
    bound = _near_end_of_range(filters)
    if bound is not None and isinstance(key, str) and (bound < key if order[1] else bound > key):
        key, item_id = bound, str(FIRST_KEY[("name", order[1])])
    return {"afterKey": key, "afterId": item_id}


def _near_end_of_range(filters: dict[str, Any]) -> str | None:
    """Where a list by creation time enters its date range: `createdTo` newest first
    (exclusive: the filter drops the bound itself), `createdFrom` oldest first."""
    if filters["orderBy"] != "createdAt":
        return None
    bound: str | None = filters["createdTo" if filters["descending"] else "createdFrom"]
    return bound
