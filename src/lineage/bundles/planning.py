"""The second step of an import, still writing nothing: how the bundle meets the graph.

For each node of the bundle's scope, whether the target has it. Under `--as NEW`
the project's code (of an upstream bundle: the asset's project), its slot keys
and its nodes' project become NEW, and a node whose id another project already
uses here is renamed `<id>~NEW`; an upstream bundle's nodes of other projects
stay theirs. A node found here in another project than the one it is written
in is a `ProjectDiffersError` (without `--as`). When a whole project exists
already, each of its nodes the bundle also holds must be equal (clocks of derived
state aside) and the target must hold none the bundle lacks: a re-import or a
newer export of the same project goes on, anything else is a `ProjectDiffersError`
summarising the differences. The files to store are those
of new assets and of assets whose file was released.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lineage.assets.slots import project_namespace, slot_key
from lineage.bundles.checking import CheckedBundle
from lineage.bundles.errors import ProjectDiffersError
from lineage.bundles.models import NODES, ScopeKind
from lineage.bundles.repository import BundleRepository, Key
from lineage.errors import InvalidInputError
from lineage.projects.errors import ProjectArchivedError
from lineage.projects.models import PROJECT_CODE

BATCH = 2_000
EXAMPLES = 5
ASSET_PLACE = ("orphaned", "orphanRootCauses", "fileMissing", "fileProblem", "fileReleased")
DERIVED = {
    "Project": frozenset({"orphanCount", "archived", "archivedAt", "archiveBundle", "updatedAt"}),
    "Asset": frozenset({*ASSET_PLACE, "fileReleasedAt", "fileRef", "filename", "url"}),
}
FILE_PLACE = ("fileRef", "filename", "url")
# Orphan state a bundle carries is never trusted: nodes are written without it (as
# neither orphaned nor counting any), and the import recomputes it
# (`lineage.orphans.refresh.recompute_scope`)
UNTRUSTED = ("orphaned", "orphanRootCauses", "orphanCount")


@dataclass
class ImportPlan:
    """How to write a checked bundle: the project's code here, renamed ids, files to store."""

    original: str | None
    code: str | None
    instance: str
    missing_files: frozenset[str]
    renames: dict[Key, str] = field(default_factory=dict)
    needed: dict[str, list[str]] = field(default_factory=dict)  # hash -> assets waiting
    present: set[Key] = field(default_factory=set)
    exists: bool = False
    whole_project: bool = False  # every node of the scope is part of the project

    def is_new(self, kind: str, node_id: str) -> bool:
        """Whether a node of the scope (by its id in the bundle) is not here yet."""
        return (kind, self.node_id(kind, node_id)) not in self.present

    def node_id(self, kind: str, node_id: str) -> str:
        if kind == "Project":
            return self.code if node_id == self.original and self.code else node_id
        return self.renames.get((kind, node_id), node_id)

    def properties(self, line: dict[str, Any]) -> dict[str, Any]:
        """The node's properties as this import writes them (its file placed later)."""
        props = dict(line["properties"])
        for name in UNTRUSTED:
            props.pop(name, None)
        if line.get("reference"):
            for name in FILE_PLACE:
                props.pop(name, None)
            return props | {"stub": True, "stubSource": self.instance}
        if self.code != self.original:
            self._move(line["kind"], props)
        if self.renames and "pinnedInputs" in props:
            pinned = props["pinnedInputs"]
            props["pinnedInputs"] = [self.renames.get(("Asset", i), i) for i in pinned]
        sha = props.get("fileSha256")
        if line["kind"] == "Asset" and sha:
            props.update(_unplaced(props, sha in self.missing_files))
        return props

    def _move(self, kind: str, props: dict[str, Any]) -> None:
        """Into the new project: its code, its nodes' project, its slots, renamed ids."""
        if kind == "Project":
            if props.get("code") == self.original:
                props["code"] = props["id"] = self.code
            return
        props["id"] = self.node_id(kind, props["id"])
        if props.get("projectCode") == self.original:
            props["projectCode"] = self.code
            if "slot" in props and "slotKey" in props:
                props["slotKey"] = slot_key(project_namespace(self.code), props["slot"])


def _without_file(here: dict[str, Any] | None) -> bool:
    """An asset that needs the bundle's file: new, its file released, or found without one
    (an import stopped before it placed its files: the next one places them)."""
    return here is None or bool(here.get("fileReleased")) or not here.get("fileRef")


def _unplaced(props: dict[str, Any], missing: bool) -> dict[str, Any]:
    """A file not stored here (yet: the importer places it once stored): no place of
    the source's; when the bundle lacks it, missing."""
    for name in FILE_PLACE:
        props.pop(name, None)
    return {"fileMissing": True, "fileProblem": "missing"} if missing else {}


async def plan_import(
    repository: BundleRepository, checked: CheckedBundle, as_code: str | None, restoring: bool
) -> ImportPlan:
    scope = checked.manifest.scope
    if as_code is not None and not PROJECT_CODE.match(as_code):
        raise InvalidInputError(f"{as_code!r} is not a project code")
    original = scope.project_code
    if as_code is not None and scope.kind is ScopeKind.UPSTREAM:
        original = _asset_project(checked, str(scope.asset_id))
    missing = frozenset(checked.manifest.missing_files)
    plan = ImportPlan(original, as_code or original, checked.manifest.source_instance, missing)
    plan.whole_project = scope.kind is ScopeKind.PROJECT
    comparison = await _project_state(repository, plan, restoring)
    batch: list[dict[str, Any]] = []
    for line in checked.lines(NODES):
        if not line.get("reference"):
            batch.append(line)
        if len(batch) >= BATCH:
            await _plan_batch(repository, plan, batch, checked, comparison)
            batch = []
    await _plan_batch(repository, plan, batch, checked, comparison)
    if comparison is not None:
        await comparison.finish(repository, plan)
    return plan


def _asset_project(checked: CheckedBundle, asset_id: str) -> str:
    """The project of an upstream bundle's asset: the one `--as` renames."""
    for line in checked.lines(NODES):
        if (line["kind"], line["id"]) == ("Asset", asset_id):
            code = line["properties"].get("projectCode")
            if isinstance(code, str):
                return code
    raise InvalidInputError(f"--as renames the asset's project, and asset {asset_id!r} has none")


async def _project_state(
    repository: BundleRepository, plan: ImportPlan, restoring: bool
) -> Comparison | None:
    """The comparison of a whole project with the one here (None: nothing to compare:
    no such project here, or a bundle of one asset's upstream, merged node by node)."""
    if plan.code is None:
        return None
    project = await repository.find_project(plan.code)
    if project is None:
        return None
    if project.get("archived") and not restoring:
        raise ProjectArchivedError(
            f"project {plan.code!r} is archived (read-only); restore it before importing into it"
        )
    plan.exists = True
    return Comparison(plan.code) if plan.whole_project else None


async def _plan_batch(
    repository: BundleRepository,
    plan: ImportPlan,
    lines: list[dict[str, Any]],
    checked: CheckedBundle,
    comparison: Comparison | None,
) -> None:
    if not lines:
        return
    found = await repository.find_nodes(
        [(n["kind"], plan.node_id(n["kind"], n["id"])) for n in lines]
    )
    owners = {(n["kind"], n["id"]): _planned_project(n, plan) for n in lines}
    found = await _renamed(repository, plan, found, owners)
    for line in lines:
        key = (line["kind"], plan.node_id(line["kind"], line["id"]))
        here = found.get(key)
        if here is not None:
            plan.present.add(key)
        if comparison is not None:
            comparison.add(key, line, plan.properties(line), here)
        sha = line["properties"].get("fileSha256")
        if line["kind"] == "Asset" and sha in checked.files and _without_file(here):
            plan.needed.setdefault(sha, []).append(key[1])


async def _renamed(
    repository: BundleRepository,
    plan: ImportPlan,
    found: dict[Key, dict[str, Any]],
    owners: dict[Key, str | None],
) -> dict[Key, dict[str, Any]]:
    """`found` after renaming the nodes whose ids another project holds here (under
    --as; without it, such a node is a ProjectDiffersError). `owners`: the project
    each node of the bundle (by its id there) is written in."""
    taken = [k for k, props in found.items() if _owned_elsewhere(props, k, owners.get(k))]
    if not taken:
        return found
    if plan.code == plan.original:
        kind, node_id = taken[0]
        owner = found[taken[0]].get("projectCode")
        where = f"project {owner!r}" if owner else "no project"
        raise ProjectDiffersError(
            f"{kind} {node_id!r} exists here in {where}; nothing was written. "
            "Import the bundle under another project code (--as NEW-CODE)"
        )
    for kind, node_id in taken:
        plan.renames[(kind, node_id)] = f"{node_id}~{plan.code}"
    kept = {key: props for key, props in found.items() if key not in taken}
    return kept | await repository.find_nodes([(k, plan.renames[(k, i)]) for k, i in taken])


def _owned_elsewhere(props: dict[str, Any], key: Key, owner: str | None) -> bool:
    """Whether an existing node with the id belongs to another project than the
    bundle's node would be written in."""
    if key[0] == "Project" or props.get("stub"):
        return False
    return props.get("projectCode") != owner


def _planned_project(line: dict[str, Any], plan: ImportPlan) -> str | None:
    code = line["properties"].get("projectCode")
    return plan.code if code == plan.original and plan.original is not None else code


class Comparison:
    """The project as the target holds it, next to the bundle's."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.members: set[Key] = set()
        self.differing: list[str] = []

    def add(
        self, key: Key, line: dict[str, Any], mine: dict[str, Any], here: dict[str, Any] | None
    ) -> None:
        """A node of the bundle (as it would be written), and the target's (None: absent)."""
        self.members.add(key)
        if here is None:
            return
        derived = DERIVED.get(line["kind"], frozenset())
        names = (set(mine) | set(here)) - derived
        changed = sorted(name for name in names if mine.get(name) != here.get(name))
        if changed:
            self.differing.append(f"{line['kind']} {line['id']!r} ({', '.join(changed[:3])})")

    async def finish(self, repository: BundleRepository, plan: ImportPlan) -> None:
        only_here = [
            f"{kind} {node_id!r}"
            for kind, node_id in await repository.project_members(self.code)
            if (kind, node_id) not in self.members and kind != "Project"
        ]
        if not only_here and not self.differing:
            return
        parts = []
        if self.differing:
            parts.append(f"{len(self.differing)} node(s) differ: {_examples(self.differing)}")
        if only_here:
            parts.append(f"{len(only_here)} node(s) are only here: {_examples(only_here)}")
        raise ProjectDiffersError(
            f"project {self.code!r} exists here with other content ({'; '.join(parts)}); "
            "nothing was written. Import it under another code with --as NEW-CODE"
        )


def _examples(items: list[str]) -> str:
    shown = ", ".join(items[:EXAMPLES])
    return shown + (", ..." if len(items) > EXAMPLES else "")
