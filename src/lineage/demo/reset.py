"""`lineage demo reset`: the demo data as the sample folder has it, other projects untouched.

The demo's extent is what importing the folder creates: its projects (with every node
PART_OF them), the nodes whose ids the import derives from the legacy records, and
their slots (the tree's own namespace of slots: attempts recorded there since go too). That is
deleted, then the folder is imported again. Edges from the nodes kept (another
project's asset made from a demo shot, say) into the demo's nodes are drawn again,
and orphan states are recomputed from scratch.
"""

from __future__ import annotations

from dataclasses import dataclass

from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.legacy.folder import open_folder
from lineage.legacy.importer import import_legacy, plan_folder
from lineage.legacy.report import ImportReport, Kind, Tally
from lineage.orphans.refresh import recompute_all
from lineage.settings import Settings


@dataclass(frozen=True)
class DemoExtent:
    project_codes: list[str]
    ids: list[str]
    slot_keys: list[str]


@dataclass(frozen=True)
class ResetReport:
    deleted: int
    links_restored: int
    imported: ImportReport


def demo_extent(settings: Settings) -> DemoExtent:
    """What importing `settings.assets_root` creates (NotAFliGenFolderError if none)."""
    folder = open_folder(settings.assets_root)
    plan = plan_folder(folder, Tally(folder.root))
    codes = [str(n.row["code"]) for n in plan.nodes if n.kind == Kind.PROJECT]
    ids = [n.id for n in plan.nodes if n.kind != Kind.PROJECT] + [a.id for a in plan.assets]
    return DemoExtent(sorted(codes), sorted(ids), sorted({a.slot_key for a in plan.assets}))


async def reset_demo(settings: Settings, store: Store) -> ResetReport:
    """Delete the demo's nodes and import the sample folder again."""
    extent = demo_extent(settings)
    scope = {"projectCodes": extent.project_codes, "ids": extent.ids, "slotKeys": extent.slot_keys}
    kept_links = await store.read("demo/list_kept_links", **scope)
    [deleted] = await store.write("demo/delete_demo", **scope)
    files = LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)
    imported = await import_legacy(store, files, settings.assets_root)
    [restored] = await store.write("demo/restore_links", links=kept_links)
    await recompute_all(store)
    return ResetReport(int(deleted["deleted"]), int(restored["restored"]), imported)
