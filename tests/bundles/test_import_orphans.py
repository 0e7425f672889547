"""An import recomputes the orphan state of what it wrote and of everything built from
it, and nothing else: another project's state is left as stored, and its size does not
change what the recomputation reads; a stub that becomes a superseded attempt orphans
the target's assets built from it; state a bundle carries is never trusted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lineage.bundles.importer import import_bundle
from lineage.db.cypher import load_text
from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.integrity import check_integrity
from lineage.orphans.refresh import recompute_all
from lineage.orphans.repository import RECOMPUTE_IN_SCOPE as SCOPE
from lineage.orphans.repository import OrphanRepository
from tests.api.helpers import image
from tests.api.test_catalog_page_cost import total_db_hits
from tests.bundles.conftest import Instance
from tests.bundles.story import record_scene, shots
from tests.bundles.test_outside_upstream import built_from
from tests.bundles.test_round_trip import export_over_http

HERE, ELSEWHERE, AGAIN = "HERE-001", "ELSE-001", "ELSE-002"
BEYOND = "orphans/recompute/list_scope_beyond"
CREATE = "mutation($c: String!) { createProject(input: {code: $c}) { code } }"


async def snapshot(store: Store) -> dict[str, dict[str, Any]]:
    """Each node's stored state by key (orphaned, root causes, a project's count...)."""
    return {row["key"]: row["state"] for row in await store.read("integrity/list_snapshot")}


async def imported(
    instance: Instance, bundle: bytes, tmp_path: Path, as_code: str | None = None
) -> None:
    path = tmp_path / "bundle.tar"
    path.write_bytes(bundle)
    files = LocalFileStore(instance.assets_root)
    await import_bundle(instance.store, files, path, as_code=as_code)


async def scope_db_hits(store: Store, seeds: list[str]) -> int:
    """db hits of the import's recomputation of `seeds` (its two statements), in a
    rolled-back transaction."""
    async with store.driver.session(database=store.database) as session:
        tx = await session.begin_transaction()
        try:
            beyond = await tx.run("PROFILE " + load_text(BEYOND), seeds={"ids": seeds})
            [found] = [record async for record in beyond]
            hits = total_db_hits((await beyond.consume()).profile)
            scope = {"ids": seeds + found["beyond"], "projects": []}
            summary = await (await tx.run("PROFILE " + load_text(SCOPE), scope=scope)).consume()
        finally:
            await tx.rollback()
    return hits + total_db_hits(summary.profile)


async def elsewhere(instance: Instance, attempts: int) -> None:
    """Another project: a shot redone `attempts` times, each attempt with a scene built
    from it (all but the last scene orphaned by their superseded shot)."""
    await instance.gql.data(CREATE, c=ELSEWHERE)
    for n in range(attempts):
        await image(instance.gql, f"{ELSEWHERE}-shot-{n}", slot="shot", projectCode=ELSEWHERE)
        await built_from(instance, f"{ELSEWHERE}-scene-{n}", ELSEWHERE, f"{ELSEWHERE}-shot-{n}")


async def test_an_import_leaves_another_project_alone(first: Instance, tmp_path: Path) -> None:
    await record_scene(first.gql, HERE)
    bundle = await export_over_http(first, HERE)
    seeds = [key for key, state in (await snapshot(first.store)).items() if key.startswith(HERE)]
    hits = []
    for attempts in (2, 12):
        await first.store.write("admin/wipe_data")
        await elsewhere(first, attempts)
        # a stored state the rules would not give: a full recomputation would clear it
        stamp = [{"id": f"{ELSEWHERE}-scene-0", "orphaned": True, "rootCauses": ["stamp"]}]
        await OrphanRepository.writing(first.store).set_status(stamp, [])
        before = await snapshot(first.store)

        await imported(first, bundle, tmp_path)

        after = await snapshot(first.store)
        assert {k: v for k, v in after.items() if k in before} == before
        assert after[f"{HERE}-vid"]["orphaned"] is True  # its shot-001 was redone
        hits.append(await scope_db_hits(first.store, seeds))
        fixed = await recompute_all(first.store)  # only the stamp was wrong
        assert (fixed.orphaned, fixed.restored) == ([], [])
        assert fixed.changed == [f"{ELSEWHERE}-scene-0"]
    few, many = hits
    assert many - few < 10, hits  # ten more attempts and scenes elsewhere: none of them read


async def test_a_stub_made_real_and_superseded_orphans_its_consumer_here(
    first: Instance, tmp_path: Path
) -> None:
    await shots(first.gql, HERE)
    await first.gql.data(CREATE, c=ELSEWHERE)
    consumer = f"{ELSEWHERE}-scene"
    await built_from(first, consumer, ELSEWHERE, f"{HERE}-shot-001")
    consuming = await export_over_http(first, ELSEWHERE)  # the shot as it was: current
    await image(first.gql, f"{HERE}-shot-001-v2", slot="shot-001", projectCode=HERE)
    expected = await snapshot(first.store)
    assert expected[consumer]["orphaned"] is True
    superseding = await export_over_http(first, HERE)
    await first.store.write("admin/wipe_data")

    await imported(first, consuming, tmp_path)  # the shot a stub, current: nothing orphaned
    assert not (await snapshot(first.store))[consumer]["orphaned"]
    await imported(first, superseding, tmp_path)

    after = await snapshot(first.store)
    assert after[consumer]["orphaned"] is True
    assert after[consumer]["orphanRootCauses"] == [f"{HERE}-shot-001"]
    assert after[ELSEWHERE]["orphanCount"] == expected[ELSEWHERE]["orphanCount"] == 1
    assert (await recompute_all(first.store)).count == 0


async def test_orphan_state_a_bundle_carries_is_not_trusted(
    first: Instance, tmp_path: Path
) -> None:
    await record_scene(first.gql, HERE)
    expected = await snapshot(first.store)
    # the exporter writes what is stored: a wrong state travels in the bundle
    stamp = [{"id": f"{HERE}-shot-002", "orphaned": True, "rootCauses": ["stamp"]}]
    moved = [{"projectCode": HERE, "delta": 5}]
    await OrphanRepository.writing(first.store).set_status(stamp, moved)
    bundle = await export_over_http(first, HERE)
    await first.store.write("admin/wipe_data")

    await imported(first, bundle, tmp_path)

    after = await snapshot(first.store)
    assert after[f"{HERE}-shot-002"] == expected[f"{HERE}-shot-002"]
    assert after[HERE]["orphanCount"] == expected[HERE]["orphanCount"] == 1


async def scene_from_a_redone_sketch(instance: Instance) -> None:
    """HERE's scene built from ELSEWHERE's plate, the plate from a sketch redone since."""
    await instance.gql.data(CREATE, c=HERE)
    await instance.gql.data(CREATE, c=ELSEWHERE)
    await image(instance.gql, f"{ELSEWHERE}-sketch", slot="sketch", projectCode=ELSEWHERE)
    await built_from(instance, f"{ELSEWHERE}-plate", ELSEWHERE, f"{ELSEWHERE}-sketch")
    await built_from(instance, f"{HERE}-scene", HERE, f"{ELSEWHERE}-plate")
    await image(instance.gql, f"{ELSEWHERE}-sketch-v2", slot="sketch", projectCode=ELSEWHERE)


async def test_outside_references_made_stubs_pass_their_root_causes_on(
    first: Instance, tmp_path: Path
) -> None:
    """A scene built from another project's plate, the plate from a sketch that was
    redone since: both arrive as stubs, and the scene is orphaned by the sketch."""
    await scene_from_a_redone_sketch(first)
    expected = (await snapshot(first.store))[f"{HERE}-scene"]
    assert expected["orphanRootCauses"] == [f"{ELSEWHERE}-sketch"]
    bundle = await export_over_http(first, HERE)
    await first.store.write("admin/wipe_data")

    await imported(first, bundle, tmp_path)

    assert (await snapshot(first.store))[f"{HERE}-scene"] == expected
    assert (await recompute_all(first.store)).count == 0


async def test_stubs_made_real_under_another_code_leave_no_count_behind(
    first: Instance, tmp_path: Path
) -> None:
    """HERE's bundle leaves ELSEWHERE's plate and sketch here as stubs, the plate orphaned
    and counted by ELSEWHERE (created here first); ELSEWHERE's own bundle, imported as
    ELSE-002, makes them real there: ELSEWHERE counts no orphan any more, ELSE-002 one,
    every count equals its project's orphans (moved by differences, ELSEWHERE kept the
    plate's 1), and a full recomputation changes nothing."""
    await scene_from_a_redone_sketch(first)
    expected = await snapshot(first.store)
    assert expected[ELSEWHERE]["orphanCount"] == 1
    here, there = await export_over_http(first, HERE), await export_over_http(first, ELSEWHERE)
    await first.store.write("admin/wipe_data")

    await first.gql.data(CREATE, c=ELSEWHERE)  # here before its bundle: counts the stub
    await imported(first, here, tmp_path)
    stub = await snapshot(first.store)
    assert stub[f"{ELSEWHERE}-plate"]["orphaned"] is True
    assert stub[ELSEWHERE]["orphanCount"] == 1
    await imported(first, there, tmp_path, as_code=AGAIN)

    after = await snapshot(first.store)
    assert after[AGAIN]["orphanCount"] == 1
    assert after[HERE]["orphanCount"] == expected[HERE]["orphanCount"]
    assert await check_integrity(first.store) == []
    assert (await recompute_all(first.store)).count == 0
