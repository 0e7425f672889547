"""What the orphan queries return, as named records (the queries return lists where
they return many: a list decodes far faster than a map per asset)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lineage.assets.models import Asset


@dataclass(frozen=True)
class OrphanChanges:
    """Assets whose orphan status changed: newly orphaned, no longer orphaned, and
    orphaned still but with other root causes."""

    orphaned: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.orphaned) + len(self.restored) + len(self.changed)

    def __add__(self, other: OrphanChanges) -> OrphanChanges:
        return OrphanChanges(
            self.orphaned + other.orphaned,
            self.restored + other.restored,
            self.changed + other.changed,
        )


class Stored(NamedTuple):
    """An asset's orphan state as its node stores it."""

    id: str
    project: str | None
    orphaned: bool
    roots: tuple[str, ...]

    def differs(self, roots: frozenset[str]) -> bool:
        return self.orphaned != bool(roots) or frozenset(self.roots) != roots


class Claimed(NamedTuple):
    """An asset claimed for re-evaluation (orphans/refresh/claim_changed): its stored state,
    the root causes it has whatever the other claimed assets get (`own`), and its
    live claimed inputs (`inside`)."""

    id: str
    project: str | None
    orphaned: bool
    roots: list[str] | None
    own: list[str]
    inside: list[str]

    @property
    def stored(self) -> Stored:
        return Stored(self.id, self.project, self.orphaned, tuple(self.roots or ()))


@dataclass(frozen=True)
class RefreshClaim:
    """What an orphan refresh claimed (orphans/refresh/claim_changed): the claimed
    assets, and the short way's asset (`move_root`), which starts (`add`) or stops
    being a root cause, when it applies; `others` are the other changed nodes."""

    complete: bool
    claimed: list[Claimed]
    move_root: str | None
    add: bool | None
    others: list[str]

    @classmethod
    def of(cls, row: dict[str, Any]) -> RefreshClaim:
        claimed = [Claimed._make(item) for item in row["rows"]]
        return cls(row["complete"], claimed, row["moveRoot"], row["add"], row["others"])

    @property
    def changed_ids(self) -> list[str]:
        """Every changed node the claim started from."""
        return [*self.others, *([self.move_root] if self.move_root else [])]

    @staticmethod
    def seeds_of(row: dict[str, Any]) -> list[str]:
        """`changed_ids` of the claim whose result row is `row`, read without the
        claimed assets."""
        return [*row["others"], *([row["moveRoot"]] if row["moveRoot"] else [])]


@dataclass(frozen=True)
class StoredRefresh:
    """What a refresh stored (STORE_REFRESH, or the change's own statement ending in
    orphans/refresh/return_claimed): the short way's moves (nothing when not `complete`: run it
    again) and the changed asset as it ends up."""

    complete: bool
    moved: OrphanChanges
    asset: Asset | None


class AffectedAsset(NamedTuple):
    """An asset with the facts the rules need (orphans/find_affected, list_all_facts):
    `inputs` are [id, isPrompt, status, isCurrent, revised, pinned, rootCauses] lists
    (lineage.orphans.facts reads them)."""

    id: str
    status: str
    is_current: bool
    file_missing: bool
    root_causes: list[str] | None
    orphaned: bool
    project_code: str | None
    estimated_cost: float | None
    inputs: list[list[Any]]
    slot_key: str | None = None
    current_since: str | None = None
    version: int | None = None

    @classmethod
    def of(cls, row: dict[str, Any]) -> AffectedAsset:
        return cls(
            row["id"],
            row["status"],
            row["isCurrent"],
            row["fileMissing"],
            row["rootCauses"],
            row["orphaned"],
            row["projectCode"],
            row["estimatedCost"],
            row["inputs"],
            row.get("slotKey"),
            row.get("currentSince"),
            row.get("version"),
        )


@dataclass(frozen=True)
class AssetChange:
    """A mutation's result: the asset, and whose orphan status changed because of it."""

    asset: Asset
    orphans: OrphanChanges
