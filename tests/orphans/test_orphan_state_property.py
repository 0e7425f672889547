"""Property: after any sequence of changes, the stored orphan state equals a full recomputation.

Random sequences of record, regenerate, complete, fail, revert, archive, pin,
unpin and prompt revision run through the services on a real Neo4j; after
every step (including refused ones) each asset's stored state (orphaned, root
causes), the reasons derived when read, and each project's orphan count must
equal what evaluating the whole graph from scratch gives.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lineage.assets.models import AssetStatus, Completion, Frame, FrameRole, NewGeneration
from lineage.db.cypher import composed
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.generations.service import GenerationService
from lineage.integrity import check_integrity
from lineage.models import AssetType
from lineage.orphans import tracker
from lineage.orphans.refresh import recompute_all, refresh_in
from lineage.orphans.repository import RECOMPUTED_ROOTS
from lineage.orphans.service import OrphanService
from lineage.prompts.models import NewPrompt, PromptKind
from lineage.prompts.service import PromptService

OPERATIONS = (
    "image",
    "regenerate",
    "video",
    "derive",
    "complete",
    "fail",
    "revert",
    "archive",
    "pin",
    "unpin",
    "revise",
)


@dataclass
class World:
    """What the sequence created so far, to draw valid-looking targets from."""

    images: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    inputs: dict[str, list[str]] = field(default_factory=dict)
    slots: dict[str, str] = field(default_factory=dict)
    counter: itertools.count[int] = field(default_factory=itertools.count)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self.counter)}"


class Runner:
    def __init__(self, store: Store, data: st.DataObject) -> None:
        self.generations = GenerationService(store)
        self.orphans = OrphanService(store)
        self.prompts = PromptService(store, refresh_in)
        self.data = data
        self.world = World()

    def pick(self, items: list[str]) -> str | None:
        return self.data.draw(st.sampled_from(items)) if items else None

    def status(self) -> AssetStatus:
        return self.data.draw(st.sampled_from([AssetStatus.READY, AssetStatus.GENERATING]))

    async def record(self, gen: NewGeneration, inputs: list[str]) -> None:
        change = await self.generations.record(gen)
        asset = change.asset
        self.world.assets.append(asset.id)
        self.world.inputs[asset.id] = inputs
        self.world.slots[asset.id] = asset.slot
        if asset.type is AssetType.IMAGE:
            self.world.images.append(asset.id)

    async def image(self, slot: str | None = None) -> None:
        prompt = await self.prompt() if self.data.draw(st.booleans()) else None
        source = self.pick(self.world.images) if self.data.draw(st.booleans()) else None
        inputs = [x for x in (prompt, source) if x]
        gen = NewGeneration(
            id=self.world.new_id("img"),
            type=AssetType.IMAGE,
            provider="fal",
            model="flux",
            status=self.status(),
            slot=slot,
            prompt_ids=[prompt] if prompt else [],
            source_asset_ids=[source] if source else [],
        )
        await self.record(gen, inputs)

    async def prompt(self) -> str:
        created = await self.prompts.record(
            NewPrompt(id=self.world.new_id("p"), kind=PromptKind.HUMAN, text="a fox", role="image")
        )
        self.world.prompts.append(created.id)
        return created.id

    async def run(self, operation: str) -> None:
        if not self.world.images:
            operation = "image"
        await getattr(self, f"op_{operation}")(self.pick(self.world.assets) or "")

    async def op_image(self, _: str) -> None:
        await self.image()

    async def op_regenerate(self, _: str) -> None:
        await self.image(slot=self.world.slots[self.pick(self.world.images) or ""])

    async def op_video(self, _: str) -> None:
        start, end = self.pick(self.world.images) or "", self.pick(self.world.images) or ""
        frames = [
            Frame(asset_id=start, role=FrameRole.START),
            Frame(asset_id=end, role=FrameRole.END, position=1),
        ]
        gen = NewGeneration(
            id=self.world.new_id("vid"),
            type=AssetType.VIDEO,
            provider="fal",
            model="wan",
            status=self.status(),
            frames=frames,
        )
        await self.record(gen, [start, end])

    async def op_derive(self, target: str) -> None:
        gen = NewGeneration(
            id=self.world.new_id("thb"),
            type=AssetType.THUMBNAIL,
            provider="fal",
            model="t",
            status=self.status(),
            source_asset_ids=[target],
        )
        await self.record(gen, [target])

    async def op_complete(self, target: str) -> None:
        await self.generations.complete(target, Completion())

    async def op_fail(self, target: str) -> None:
        await self.generations.fail(target, "provider error")

    async def op_revert(self, target: str) -> None:
        await self.generations.revert_to(target)

    async def op_archive(self, target: str) -> None:
        await self.generations.archive(target)

    async def op_pin(self, target: str) -> None:
        await self.orphans.pin(target, self.pick(self.world.inputs[target]) or "none", True)

    async def op_unpin(self, target: str) -> None:
        await self.orphans.pin(target, self.pick(self.world.inputs[target]) or "none", False)

    async def op_revise(self, _: str) -> None:
        old = self.pick(self.world.prompts) or await self.prompt()
        revised = await self.prompts.record(
            NewPrompt(kind=PromptKind.HUMAN, text="a fox, revised", role="image", revises_id=old)
        )
        self.world.prompts.append(revised.id)


async def assert_stored_equals_recomputed(store: Store) -> None:
    """Both from-scratch computations agree with the stored state: the rules run in
    Python over every asset (check_integrity, which also checks the reasons derived
    when read and the projects' counts) and the one-pass Cypher of the full
    recomputation (orphans/recompute/roots_by_asset, as a dry run): every asset it
    orphans or that is stored as orphaned stores exactly its root causes."""
    assert await check_integrity(store) == []
    rows = await store.read(composed(RECOMPUTED_ROOTS, "orphans/recompute/list_recomputed"))
    assert {r["id"]: (r["orphaned"], set(r["rootCauses"] or ())) for r in rows} == {
        r["id"]: (bool(r["roots"]), set(r["roots"])) for r in rows
    }


@pytest.fixture(
    params=[
        "short way whenever it applies",
        "short way from its threshold",
        "long way always stored by Python",
    ]
)
def short_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every way of refreshing, checked: the random graphs are small, so with the real
    thresholds every change takes the long way and its own statement stores it
    (orphans/refresh/store_claimed); with a short way from 1 consumer, every change that
    can takes the short one (orphans/refresh/claim_changed, then move_root in the
    change's own statement); with no claim small enough for its statement, Python stores
    the long way and the short way runs after it (lineage.orphans.tracker,
    orphans/refresh/store_states with move_root)."""
    if request.param.endswith("applies"):
        monkeypatch.setattr(tracker, "SHORT_WAY_CONSUMERS", 1)
    if request.param.endswith("Python"):
        monkeypatch.setattr(tracker, "STORED_WITH_CLAIM", -1)
    yield


async def history(
    store: Store,
    data: st.DataObject,
    operations: list[str],
    check: Callable[[Store], Awaitable[None]] | None = None,
) -> World:
    """What `operations` made, run on an emptied graph, `check`ed after each one:
    refused changes (an invalid status change, say) must leave the state consistent too."""
    await store.write("admin/wipe_data")
    runner = Runner(store, data)
    for operation in operations:
        with contextlib.suppress(LineageError):
            await runner.run(operation)
        if check is not None:
            await check(store)
    return runner.world


# 25 random histories of 5-25 operations each, against the one Neo4j of the session
random_histories = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OPERATION_LISTS = st.lists(st.sampled_from(OPERATIONS), min_size=5, max_size=25)


@random_histories
@given(data=st.data(), operations=OPERATION_LISTS)
async def test_stored_orphan_state_always_equals_a_full_recomputation(
    store: Store, short_way: None, data: st.DataObject, operations: list[str]
) -> None:
    await history(store, data, operations, assert_stored_equals_recomputed)
    assert (await recompute_all(store)).count == 0  # the full recomputation agrees


async def test_a_new_attempt_built_from_what_its_slot_made_inherits_the_old_one(
    store: Store, short_way: None
) -> None:
    """A case the property found: img-1 is made from img-0, then img-2 regenerates
    img-0's slot from img-1. img-1 is stale against img-0, and img-2, built from it,
    inherits img-0 as its root cause, whichever way the refresh goes (the short way
    once left img-2 unorphaned)."""
    await store.write("admin/wipe_data")
    generations = GenerationService(store)

    async def image(asset_id: str, slot: str | None = None, source: str | None = None) -> Any:
        return await generations.record(
            NewGeneration(
                id=asset_id,
                type=AssetType.IMAGE,
                provider="fal",
                model="flux",
                status=AssetStatus.READY,
                slot=slot,
                source_asset_ids=[source] if source else [],
            )
        )

    first = await image("img-0")
    await image("img-1", source="img-0")
    change = await image("img-2", slot=first.asset.slot, source="img-1")
    assert sorted(change.orphans.orphaned) == ["img-1", "img-2"]
    await assert_stored_equals_recomputed(store)
    assert (await recompute_all(store)).count == 0
