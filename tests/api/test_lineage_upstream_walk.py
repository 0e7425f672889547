"""An upstream lineage is its own statement (lineage/find_upstream: the one-query walk
without the other direction's branch), and draws exactly what the walk by levels draws:
the same nodes, distances, edges and truncation, in the same order."""

from __future__ import annotations

import pytest

from lineage.db.store import Store
from lineage.errors import NotFoundError
from lineage.graph.drawing import draw_lineage, drawing
from lineage.graph.walk import Direction, walk_by_levels
from tests.api.test_compiled_lineage import every_node
from tests.api.test_nested_page import story_graph
from tests.conftest import GraphQLClient


async def test_an_upstream_walk_draws_what_the_walk_by_levels_draws(
    gql: GraphQLClient, store: Store
) -> None:
    await story_graph(gql)
    truncated = 0
    for start in await every_node(gql):
        for depth in (1, 2, 5):
            before = store.queries_run
            one = await draw_lineage(store, start, Direction.UPSTREAM, depth)
            assert store.queries_run - before == 1
            by_levels = await walk_by_levels(store, start, Direction.UPSTREAM, depth)
            assert one == drawing(by_levels)
            truncated += one["truncated"]
    assert truncated > 0


async def test_an_unknown_id_upstream_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no asset, prompt or workflow run with id 'nope'"):
        await draw_lineage(store, "nope", Direction.UPSTREAM, 2)
