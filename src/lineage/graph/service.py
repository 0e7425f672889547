"""Lineage subgraphs as the API serves them: a walk within the depth limit, drawn."""

from __future__ import annotations

from typing import Any

from lineage.db.store import Store
from lineage.graph.drawing import draw_lineage
from lineage.graph.walk import Direction, check_depth


class LineageService:
    def __init__(self, store: Store, max_depth: int) -> None:
        self.store = store
        self.max_depth = max_depth

    async def draw(self, node_id: str, direction: Direction, depth: int) -> dict[str, Any]:
        """The subgraph around an asset, prompt or run, drawn (`lineage.graph.drawing`)."""
        check_depth(depth, self.max_depth)
        return await draw_lineage(self.store, node_id, direction, depth)
