"""Keeping stored orphan state equal to the rules: the pure part (no I/O).

The graph stores, per asset, whether it is orphaned and its root causes; each
project stores how many of its assets are orphaned. After a change, the refresh
(lineage.orphans.refresh) reads what the change can affect; this module works out
what to store: root causes propagated in dependency order, the differences from
what is stored, and the moves of the projects' counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lineage.orphans.facts import roots_row
from lineage.orphans.models import Claimed, OrphanChanges, Stored
from lineage.orphans.rules import KIND_OF, OrphanStatus, Reason, propagate_roots, status_of

# The short way (orphans/refresh/claim_changed) moves one root cause below an asset
# with at least this many consumers; below that the long way costs as little.
SHORT_WAY_CONSUMERS = 16
# A change's own statement finishes the refresh (orphans/refresh/store_claimed) when it
# claimed at most this many assets, and leaves a larger claim to Python: propagating
# root causes costs that statement a walk up from each claimed asset.
STORED_WITH_CLAIM = 64


@dataclass
class StateUpdate:
    """What to store after an evaluation: the changed assets' rows, the count moves."""

    changes: OrphanChanges = field(default_factory=OrphanChanges)
    rows: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def note(self, stored: Stored, after: frozenset[str]) -> None:
        """Record one asset whose `stored` state must become `after`."""
        self.rows.append(roots_row(stored.id, after))
        asset_id, was, project = stored.id, stored.orphaned, stored.project
        if after and not was:
            self.changes.orphaned.append(asset_id)
            self._move(project, 1)
        elif was and not after:
            self.changes.restored.append(asset_id)
            self._move(project, -1)
        else:
            self.changes.changed.append(asset_id)

    def _move(self, project: str | None, delta: int) -> None:
        if project is not None:
            self.counts[project] += delta

    @property
    def deltas(self) -> list[dict[str, Any]]:
        """The count moves as set_status takes them, in project order."""
        return [{"projectCode": p, "delta": d} for p, d in sorted(self.counts.items()) if d]


def differences(stored: Iterable[Stored], fresh: Mapping[str, frozenset[str]]) -> StateUpdate:
    """What changed against the stored state, and what to store for it."""
    update = StateUpdate()
    for asset in stored:
        if asset.differs(fresh[asset.id]):
            update.note(asset, fresh[asset.id])
    return update


def reevaluation(claimed: list[Claimed]) -> StateUpdate:
    """Root causes of the claimed assets propagated afresh, against what they store."""
    fresh = propagate_roots({c.id: c.own for c in claimed}, {c.id: c.inside for c in claimed})
    return differences((c.stored for c in claimed), fresh)


def status_from_candidates(candidates: Iterable[list[Any]]) -> OrphanStatus:
    """The rules' status from explain_reasons' candidate reasons [kind, root, depth, path]."""
    return status_of(
        Reason(KIND_OF[kind], root, depth, tuple(path)) for kind, root, depth, path in candidates
    )
