"""The import's orphan recomputation of a scope (`recompute_scope`: the seeds and every
asset built from them) against the rules, over random histories: whatever the scope's
assets store beforehand (a bundle's state is never trusted), afterwards every asset
stores what a full recomputation gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lineage.db.store import Store
from lineage.orphans.refresh import recompute_scope
from lineage.orphans.repository import OrphanRepository
from tests.orphans.test_orphan_state_property import (
    OPERATION_LISTS,
    assert_stored_equals_recomputed,
    history,
    random_histories,
)


def built_from(inputs: dict[str, list[str]], seeds: list[str]) -> set[str]:
    """The seeds' assets and every asset built from them, at any depth."""
    reached, frontier = set(seeds), list(seeds)
    while frontier:
        node = frontier.pop()
        for asset, its_inputs in inputs.items():
            if node in its_inputs and asset not in reached:
                reached.add(asset)
                frontier.append(asset)
    return reached & set(inputs)


@random_histories
@given(data=st.data(), operations=OPERATION_LISTS)
async def test_a_scope_recomputed_stores_what_the_rules_give(
    store: Store, data: st.DataObject, operations: list[str]
) -> None:
    world = await history(store, data, operations)
    nodes = st.sampled_from(world.assets + world.prompts)
    seeds = data.draw(st.lists(nodes, min_size=1, max_size=4, unique=True))
    untrusted = [
        {"id": asset, "orphaned": wrong, "rootCauses": ["untrusted"] if wrong else []}
        for asset in sorted(built_from(world.inputs, seeds))
        for wrong in [data.draw(st.booleans())]
    ]
    await OrphanRepository.writing(store).set_status(untrusted, [])

    await recompute_scope(store, seeds)

    await assert_stored_equals_recomputed(store)
