"""Recording generations and changing their status (the rules, in one transaction each,
orphan state brought up to date in the same transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from lineage import idempotency
from lineage.assets.models import AssetStatus, Completion, NewGeneration
from lineage.assets.params import ParamsLimits
from lineage.assets.precheck import is_replay
from lineage.assets.repository import CHANGED_IDS, AssetRepository, completion_changes
from lineage.assets.rules import (
    REVERT,
    StatusMove,
    check_references,
    check_shape,
    check_status_change,
    new_asset_id,
    status_move,
)
from lineage.assets.slots import project_namespace, slot_key
from lineage.assets.sources import stored_source
from lineage.db.cypher import Ending
from lineage.db.store import Row, Store, Tx
from lineage.errors import ConflictError, InvalidInputError
from lineage.files import FileClaim, FileStore, StoredFile
from lineage.models import utc_timestamp
from lineage.orphans.models import AssetChange, OrphanChanges, RefreshClaim
from lineage.orphans.refresh import refreshed_after
from lineage.orphans.repository import claiming
from lineage.projects.readonly import refuse_if_archived


def check_slot(gen: NewGeneration, previous: dict[str, Any] | None) -> None:
    """A regeneration names no other slot than its regenerated attempt's (it joins that
    one; any other attempt joins the one it names in its project, else a slot of its
    own)."""
    if previous is not None and gen.slot and gen.slot != previous["slot"]:
        raise InvalidInputError(
            f"slot: asset {previous['id']!r} belongs to slot {previous['slot']!r}, not {gen.slot!r}"
        )


def in_project_of(gen: NewGeneration, previous: dict[str, Any] | None) -> NewGeneration:
    """The attempt in the project of the attempt it regenerates (REGENERATES never
    crosses projects): an attempt that names no project takes that one."""
    if previous is None:
        return gen
    owner = previous["projectCode"]
    if gen.project_code is None:
        return gen.model_copy(update={"project_code": owner})
    if gen.project_code != owner:
        where = f"project {owner!r}" if owner else "no project"
        raise InvalidInputError(
            f"projectCode: asset {previous['id']!r} belongs to {where}; a new attempt of "
            f"its slot cannot be recorded in project {gen.project_code!r}"
        )
    return gen


def with_file(gen: NewGeneration, stored: StoredFile) -> NewGeneration:
    """The generation with its stored file's facts; what was probed from the bytes goes
    beside `params` (which stay exactly what the tool sent)."""
    if stored.asset_type != gen.type:
        raise InvalidInputError(
            f"file {stored.ref!r} was stored as {stored.asset_type.value}, not {gen.type.value}"
        )
    return gen.model_copy(
        update={
            "filename": stored.filename,
            "url": stored.url,
            "file_sha256": stored.sha256,
            "file_size_bytes": stored.size_bytes,
            "media_type": stored.media_type,
            "media_width": stored.width,
            "media_height": stored.height,
            "media_duration_seconds": stored.duration_seconds,
        }
    )


@dataclass(frozen=True)
class Recorded:
    """A recorded attempt's id, and what its statement's ending returned (None for a
    replay, which writes nothing)."""

    asset_id: str
    ended: Row | None

    @property
    def changed_ids(self) -> list[str]:
        """The ids whose status or currency the recording changed (the default ending's)."""
        return list(self.ended["changedIds"]) if self.ended else []


class GenerationService:
    params_limits = ParamsLimits()  # the service's settings replace these defaults

    def __init__(
        self, store: Store, files: FileStore | None = None, source_root: Path | None = None
    ) -> None:
        self.store = store
        self.files = files
        self.source_root = source_root

    async def record(self, gen: NewGeneration, client_key: str | None = None) -> AssetChange:
        check_shape(gen, self.params_limits)
        sent = gen.to_row()
        if not await is_replay(self.store, gen, client_key, sent):
            gen = await self.attach_file(gen)
        gen = gen.model_copy(update={"id": gen.id or new_asset_id(gen.type)})

        async def work(tx: Tx) -> AssetChange:
            recorded = await self.record_in(tx, gen, client_key, sent, claiming(str(gen.id)))
            return await _refreshed(tx, recorded.asset_id, recorded.ended)

        return await self.store.in_write_tx(work)

    async def attach_file(self, gen: NewGeneration) -> NewGeneration:
        """Store or resolve the attempt's bytes: `fileRef`, `sourcePath` or `sourceUrl`."""
        given = [s for s in (gen.file_ref, gen.source_path, gen.source_url) if s]
        if not given:
            return gen
        if len(given) > 1:
            raise InvalidInputError("give only one of fileRef, sourcePath and sourceUrl")
        if self.files is None:
            raise InvalidInputError("this service has no file store to take a file")
        stored = await self._stored_file(gen)
        update = {"file_ref": stored.ref, **stored_source(gen.source_url)}
        return with_file(gen, stored).model_copy(update=update)

    async def _stored_file(self, gen: NewGeneration) -> StoredFile:
        assert self.files is not None
        claim = FileClaim(gen.type, gen.provider, gen.model)
        if gen.source_url:
            return await self.files.copy_from_url(gen.source_url, claim)
        if gen.source_path:
            if self.source_root is None:
                raise InvalidInputError(
                    "sourcePath is off: set LINEAGE_SOURCE_ROOT to the folder it may copy from"
                )
            path = Path(gen.source_path)
            source = path if path.is_absolute() else self.source_root / path
            return await self.files.copy_from_path(source, claim, within=self.source_root)
        return await self.files.describe(str(gen.file_ref))

    async def record_in(
        self,
        tx: Tx,
        gen: NewGeneration,
        client_key: str | None,
        sent: Any = None,
        ending: Ending = CHANGED_IDS,
    ) -> Recorded:
        """Record one attempt inside `tx` (shared with workflow runs); `sent` is the
        request as the client sent it, before its file was attached; `ending` ends the
        statement that checks and creates it (by default it returns the ids it changed).
        A refused write reads why in one more statement, and raises it."""
        replayed = await idempotency.claim(tx, client_key, "recordGeneration", sent)
        if replayed is not None:
            return Recorded(replayed, None)
        gen = gen.model_copy(
            update={
                "id": gen.id or new_asset_id(gen.type),
                "created_at": gen.created_at or utc_timestamp(),
            }
        )
        key = slot_key(project_namespace(gen.project_code), gen.slot or str(gen.id))
        ended = await AssetRepository.create(tx, gen, key, ending)
        if str(gen.id) not in ending.changed_ids(ended):
            await _refuse_generation(tx, gen)
        await idempotency.remember(tx, client_key, str(gen.id))
        return Recorded(str(gen.id), ended)

    async def complete(self, asset_id: str, completion: Completion) -> AssetChange:
        """A `generating` attempt finished: it becomes `ready` (and current)."""
        changes = completion_changes(completion, utc_timestamp())
        return await self._change(asset_id, status_move(AssetStatus.READY), changes)

    async def fail(self, asset_id: str, error: str) -> AssetChange:
        if not error.strip():
            raise InvalidInputError("failGeneration needs the error message")
        return await self._change(asset_id, status_move(AssetStatus.FAILED), {"error": error})

    async def archive(self, asset_id: str) -> AssetChange:
        changes = {"archivedAt": utc_timestamp()}
        return await self._change(asset_id, status_move(AssetStatus.ARCHIVED), changes)

    async def revert_to(self, asset_id: str) -> AssetChange:
        """Make an older ready attempt its slot's current version again."""
        changes = {"currentSince": utc_timestamp()}
        return await self._change(asset_id, REVERT, changes)

    async def _change(
        self, asset_id: str, move: StatusMove, changes: dict[str, Any]
    ) -> AssetChange:
        """The change and its orphan update in two statements (the rules checked by the
        first); a refused change reads why in a third, and raises it."""

        async def work(tx: Tx) -> AssetChange:
            ending = claiming(asset_id)
            claimed = await AssetRepository.change_status(tx, asset_id, move, changes, ending)
            if asset_id not in RefreshClaim.seeds_of(claimed):
                await _refuse(tx, asset_id, move)
            return await _refreshed(tx, asset_id, claimed)

        return await self.store.in_write_tx(work)


async def _refuse_generation(tx: Tx, gen: NewGeneration) -> NoReturn:
    """Raise why recording `gen` was refused: its id is taken, something it names is
    missing or not what it must be, its regenerated attempt is in another slot or
    project, or its project is archived."""
    found = await AssetRepository.references(tx, gen)
    if found["idTaken"]:
        raise ConflictError(f"an asset with id {gen.id!r} already exists")
    check_references(gen, found)
    previous = found["previous"]
    gen = in_project_of(gen, previous)
    refuse_if_archived(gen.project_code, found["projectArchived"])
    check_slot(gen, previous)
    raise ConflictError(f"asset {gen.id!r} was refused by a concurrent change; try again")


async def _refuse(tx: Tx, asset_id: str, move: StatusMove) -> NoReturn:
    """Raise why the change `move` of `asset_id` was refused: no such asset, its project
    is archived, or its status cannot become `move.after`."""
    asset, archived = await AssetRepository.find_for_change(tx, asset_id)
    refuse_if_archived(asset.project_code, archived)
    if move == REVERT:
        raise InvalidInputError(
            f"only a ready attempt can become current; {asset_id!r} is {asset.status.value}"
        )
    check_status_change(asset_id, asset.status, AssetStatus(move.after))
    raise ConflictError(f"asset {asset_id!r} changed while it was being changed; try again")


async def _refreshed(tx: Tx, asset_id: str, claimed: Row | None) -> AssetChange:
    """Bring orphan state up to date after a change whose statement ended with the
    orphan claim (`claimed`: its result; None for a replay, which changed nothing),
    and read the asset back."""
    if claimed is None:
        return AssetChange(await AssetRepository.get_in(tx, asset_id), OrphanChanges())
    changes, asset = await refreshed_after(tx, claimed, asset_id)
    return AssetChange(asset, changes)
