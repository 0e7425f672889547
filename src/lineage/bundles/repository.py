"""The bundles' reads and batched writes (`cypher/bundles/`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from lineage.db.store import Row, Store
from lineage.errors import DatabaseError

Key = tuple[str, str]  # (kind, id): a project's id is its code
FIND_PARAMETERS = {
    "Asset": "assets",
    "Prompt": "prompts",
    "Workflow": "workflows",
    "Project": "projects",
}
MEMBER_PARAMETERS = {kind: FIND_PARAMETERS[kind] for kind in ("Asset", "Prompt", "Workflow")}


class BundleRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def source_instance(self) -> str:
        [row] = await self.store.read("bundles/find_source")
        return f"{row['instance']}/{row['name']}"

    async def find_project(self, code: str) -> dict[str, Any] | None:
        [row] = await self.store.read("bundles/find_project", code=code)
        project: dict[str, Any] | None = row["project"]
        return project

    async def project_members(self, code: str) -> list[Key]:
        rows = await self.store.read("bundles/list_project_members", code=code)
        return [("Project", code)] + [(row["kind"], row["id"]) for row in rows]

    async def count_members(self, code: str) -> int:
        [row] = await self.store.read("bundles/count_project_members", code=code)
        return int(row["members"])

    async def project_pages(self, code: str, page: int) -> AsyncIterator[list[Row]]:
        """The project's nodes by kind and id, `page` at a time, read by one streamed
        statement (each edge says whether it ends inside the project)."""
        async for row in self.store.stream("bundles/read_project_pages", code=code, page=page):
            nodes: list[Row] = row["nodes"]
            yield _in_bundle_order(nodes)

    async def upstream_of(self, asset_id: str) -> list[Key]:
        rows = await self.store.read("bundles/list_upstream", id=asset_id)
        return sorted((row["kind"], row["id"]) for row in rows)

    async def upstream_outside(
        self, keys: Sequence[Key], code: str | None
    ) -> list[tuple[str, str, bool]]:
        """Everything `keys` were built from, any depth: kind, id, and whether it is
        part of project `code`."""
        rows = await self.store.read(
            "bundles/list_upstream_outside",
            keys=[{"kind": kind, "id": i} for kind, i in keys],
            code=code,
        )
        return [(row["kind"], row["id"], bool(row["inside"])) for row in rows]

    async def read_nodes(self, keys: Sequence[Key]) -> list[Row]:
        """The nodes of `keys` (those found), in the order of `keys`."""
        rows = await self.store.read(
            "bundles/read_nodes", keys=[{"kind": kind, "id": i} for kind, i in keys]
        )
        found = {(row["kind"], row["id"]): row for row in rows}
        return _in_bundle_order([found[key] for key in keys if key in found])

    async def find_nodes(self, keys: Sequence[Key]) -> dict[Key, dict[str, Any]]:
        """kind and id -> properties of the nodes of `keys` that exist."""
        if not keys:
            return {}
        ids: dict[str, list[str]] = {kind: [] for kind in FIND_PARAMETERS}
        for kind, node_id in keys:
            ids[kind].append(node_id)
        params = {FIND_PARAMETERS[kind]: of_kind for kind, of_kind in ids.items()}
        rows = await self.store.read("bundles/find_nodes", **params)
        return {(row["kind"], row["id"]): row["properties"] for row in rows}

    async def merge_nodes(self, rows: list[dict[str, Any]]) -> Row:
        [row] = await self.store.write("bundles/merge_nodes", rows=rows)
        return row

    async def create_nodes(self, rows: list[dict[str, Any]]) -> int:
        [row] = await self.store.write("bundles/create_nodes", rows=rows)
        return int(row["created"])

    async def create_memberships(self, code: str, ids: dict[str, list[str]]) -> int:
        """Make the nodes of `ids` (kind -> ids of nodes just created) part of project
        `code` (which must exist)."""
        params = {MEMBER_PARAMETERS[kind]: ids.get(kind, []) for kind in MEMBER_PARAMETERS}
        rows = await self.store.write("bundles/create_memberships", code=code, **params)
        created = int(rows[0]["created"]) if rows else 0  # no row: no project
        if created != sum(len(of_kind) for of_kind in ids.values()):
            raise DatabaseError(f"project {code!r} is not in the graph: its nodes were not joined")
        return created

    async def merge_edges(self, rows: list[dict[str, Any]], *, fresh: bool) -> int:
        [row] = await self.store.write("bundles/merge_edges", rows=rows, fresh=fresh)
        return int(row["created"])

    async def create_asset_edges(self, rows: list[dict[str, Any]]) -> int:
        [row] = await self.store.write("bundles/create_asset_edges", rows=rows)
        return int(row["created"])

    async def place_files(self, rows: list[dict[str, Any]]) -> int:
        [row] = await self.store.write("bundles/place_files", rows=rows)
        return int(row["placed"])


def _in_bundle_order(rows: list[Row]) -> list[Row]:
    """`rows` with each node's labels and edges sorted as the bundle lists them (edges by
    type, end's kind and id, frame role and position: a missing role or position last,
    as Cypher's ORDER BY puts nulls). Sorting here costs the exporter less than a sort
    per node costs Neo4j."""
    for row in rows:
        row["labels"].sort()
        if len(row["edges"]) > 1:  # a sort computes its keys even for one item
            row["edges"].sort(key=_edge_order)
    return rows


def _edge_order(edge: Row) -> tuple[Any, ...]:
    properties = edge["properties"]
    role, position = properties.get("role"), properties.get("position")
    return (
        edge["type"],
        edge["toKind"],
        edge["to"],
        role is None,
        role or "",  # an empty role sorts as one
        position is None,
        position or 0,
    )
