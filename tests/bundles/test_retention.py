"""Property: retention never takes a file something live uses, at any depth.

Random histories (the orphan property test's: records, regenerations, videos,
derivations, completions, failures, reverts, archives, pins, revisions), each
image with a file drawn from a few colours (so attempts share bytes) and a
creation time drawn from the past year, then retention of attempts older than
90 days. Afterwards every live asset and everything upstream of it still has its
file in the catalog; every released file is in the archive; the dry run
announced exactly what was released; orphan state is unchanged.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lineage.assets.models import NewGeneration
from lineage.bundles.filearchive import FileArchive
from lineage.bundles.retention import RetentionPolicy, apply_retention
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.files import FileClaim, LocalFileStore
from lineage.generations.service import GenerationService
from lineage.integrity import check_integrity
from lineage.models import AssetType, utc_timestamp
from tests.files.samples import chunks, image_bytes
from tests.orphans.test_orphan_state_property import OPERATIONS, Runner

NOW = datetime(2026, 6, 1, tzinfo=UTC)
COLOURS = ("red", "green", "blue")
POLICY = RetentionPolicy(older_than_days=90)


class RunnerWithFiles(Runner):
    """The orphan property test's runner; images get files, every attempt an age."""

    def __init__(self, store: Store, data: st.DataObject, files: LocalFileStore) -> None:
        super().__init__(store, data)
        self.files = files
        self.generations = GenerationService(store, files)

    async def record(self, gen: NewGeneration, inputs: list[str]) -> None:
        days = self.data.draw(st.integers(min_value=0, max_value=365))
        update: dict[str, Any] = {"created_at": utc_timestamp(NOW - timedelta(days=days))}
        if gen.type is AssetType.IMAGE:
            colour = self.data.draw(st.sampled_from(COLOURS))
            claim = FileClaim(gen.type, gen.provider, gen.model)
            stored = await self.files.save(chunks(image_bytes("PNG", colour)), claim)
            update["file_ref"] = stored.ref
        await super().record(gen.model_copy(update=update), inputs)


async def graph(store: Store) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
    """Every asset's properties, and the inputs (assets) each was built from."""
    snapshot = await store.read("integrity/list_snapshot")
    ids = [row["key"] for row in snapshot if "Asset" in row["labels"]]
    assets = {row["id"]: row["asset"] for row in await store.read("assets/find_many", ids=ids)}
    inputs = {
        row["key"]: {
            edge.split(">", 1)[1].split("/")[0]
            for edge in row["edges"]
            if edge.startswith(("GENERATED_FROM>", "USES_FRAME>"))
        }
        & set(assets)
        for row in snapshot
        if row["key"] in assets
    }
    return assets, inputs


def needed_by_live(assets: dict[str, dict[str, Any]], inputs: dict[str, set[str]]) -> set[str]:
    live = [
        i
        for i, a in assets.items()
        if a["status"] == "generating" or (a["status"] == "ready" and a.get("isCurrent"))
    ]
    needed, queue = set(live), list(live)
    while queue:
        for upstream in inputs[queue.pop()] - needed:
            needed.add(upstream)
            queue.append(upstream)
    return needed


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), operations=st.lists(st.sampled_from(OPERATIONS), min_size=5, max_size=20))
async def test_retention_never_frees_what_live_assets_use(
    store: Store, tmp_path: Path, data: st.DataObject, operations: list[str]
) -> None:
    await store.write("admin/wipe_data")
    root = tmp_path / f"example-{data.draw(st.uuids())}"
    files, archive = LocalFileStore(root), FileArchive(root / "archive")
    runner = RunnerWithFiles(store, data, files)
    for operation in operations:
        with contextlib.suppress(LineageError):
            await runner.run(operation)

    planned = await apply_retention(store, files, archive, POLICY, dry_run=True, now=NOW)
    released = await apply_retention(store, files, archive, POLICY, dry_run=False, now=NOW)
    assert (planned.files, planned.bytes, planned.attempts) == (
        released.files,
        released.bytes,
        released.attempts,
    )

    assets, inputs = await graph(store)
    for asset_id in needed_by_live(assets, inputs):
        asset = assets[asset_id]
        assert not asset.get("fileReleased"), asset_id
        if asset.get("fileRef"):
            assert files.local_path(asset["fileRef"]).is_file(), asset_id
    cutoff = POLICY.cutoff(NOW)
    for asset_id in released.attempts:
        asset = assets[asset_id]
        assert asset["fileReleased"] and asset["createdAt"] < cutoff
        assert archive.file_path(asset["fileSha256"]).is_file()
        assert not files.local_path(asset["fileRef"]).exists()
    assert await check_integrity(store) == []


async def test_an_old_superseded_attempt_goes_and_a_used_one_stays(
    store: Store, tmp_path: Path
) -> None:
    files, archive = LocalFileStore(tmp_path), FileArchive(tmp_path / "archive")
    service = GenerationService(store, files)
    old = utc_timestamp(NOW - timedelta(days=200))
    for slot, colours in (("a", ("red", "green")), ("b", ("blue", "white"))):
        for version, colour in enumerate(colours, 1):
            claim = FileClaim(AssetType.IMAGE, "fal", "flux")
            stored = await files.save(chunks(image_bytes("PNG", colour)), claim)
            gen = NewGeneration(
                id=f"{slot}{version}",
                type=AssetType.IMAGE,
                provider="fal",
                model="flux",
                slot=slot,
                created_at=old,
                file_ref=stored.ref,
            )
            await service.record(gen)
            if (slot, version) == ("a", 1):
                used_by = NewGeneration(
                    id="clip",
                    type=AssetType.THUMBNAIL,
                    provider="fal",
                    model="t",
                    source_asset_ids=["a1"],
                )
                await service.record(used_by)

    planned = await apply_retention(store, files, archive, POLICY, dry_run=True, now=NOW)
    assert planned.attempts == ["b1"] and planned.bytes == len(image_bytes("PNG", "blue"))
    released = await apply_retention(store, files, archive, POLICY, dry_run=False, now=NOW)
    assert released.attempts == ["b1"]
    again = await apply_retention(store, files, archive, POLICY, dry_run=True, now=NOW)
    assert again.attempts == []
