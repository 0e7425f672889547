"""What makes an asset orphaned: the rules, as pure functions over facts read from the graph.

An asset is *evaluated* when it is live: the current version of its slot, or
still generating. Superseded, failed and archived attempts are history, not
orphans (they are reasons, though, when something live was built from them).

For each input edge of a live asset (`GENERATED_FROM` or `USES_FRAME`) that
is not pinned:
- an input asset that is failed or archived makes it BROKEN (root: the input);
- an input asset that is ready but no longer current makes it STALE;
- a prompt that has been revised makes it STALE;
- every reason of a live input is inherited, one level deeper (INHERITED).
Its own file missing makes it BROKEN with itself as the root cause.

One reason is kept per (kind, root cause): the shortest path, ties broken by
the smallest path, so a diamond reports each root once and the result is
deterministic.

The graph stores only what the rules' reasons project to: whether an asset is
orphaned and its root causes. The same rules run in Cypher where the graph is
walked (orphans/refresh/claim_changed, orphans/recompute, explain_reasons); the property
test checks every one of them against `evaluate_all` here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class OrphanKind(StrEnum):
    STALE = "stale"
    BROKEN = "broken"
    INHERITED = "inherited"


class OrphanState(StrEnum):
    """The most serious kind among an asset's reasons (OK when it has none)."""

    OK = "ok"
    BROKEN = "broken"
    STALE = "stale"
    INHERITED = "inherited"


SEVERITY = (OrphanKind.BROKEN, OrphanKind.STALE, OrphanKind.INHERITED)
STATE_OF = {kind: OrphanState(kind.value) for kind in OrphanKind}
KIND_OF = {kind.value: kind for kind in OrphanKind}
DEAD_STATUSES = frozenset({"failed", "archived"})


class Reason(NamedTuple):
    """Why an asset is orphaned: `path` runs from the root cause to the asset.

    A named tuple rather than a dataclass: a full recomputation builds hundreds of
    thousands of them, and tuples are several times cheaper to make and compare."""

    kind: OrphanKind
    root_cause: str
    depth: int
    path: tuple[str, ...]

    def inherited_by(self, asset_id: str) -> Reason:
        return Reason(OrphanKind.INHERITED, self.root_cause, self.depth + 1, (*self.path, asset_id))


class InputFacts(NamedTuple):
    """One input edge of an asset and what the graph says about its target (a named
    tuple, like the other facts: refreshes build thousands of them per request)."""

    id: str
    is_prompt: bool
    status: str | None = None
    is_current: bool = False
    revised: bool = False
    pinned: bool = False

    @property
    def is_live_asset(self) -> bool:
        return not self.is_prompt and is_live(self.status, self.is_current)

    def direct_kind(self) -> OrphanKind | None:
        """The trouble this input causes by itself, before any inheritance."""
        if self.is_prompt:
            return OrphanKind.STALE if self.revised else None
        if self.status in DEAD_STATUSES:
            return OrphanKind.BROKEN
        if self.status == "ready" and not self.is_current:
            return OrphanKind.STALE
        return None


class AssetFacts(NamedTuple):
    id: str
    status: str
    is_current: bool
    file_missing: bool = False
    inputs: tuple[InputFacts, ...] = ()

    @property
    def is_live(self) -> bool:
        return is_live(self.status, self.is_current)


def is_live(status: str | None, is_current: bool) -> bool:
    return status == "generating" or (status == "ready" and is_current)


@dataclass(frozen=True)
class OrphanStatus:
    state: OrphanState
    reasons: tuple[Reason, ...]

    @property
    def orphaned(self) -> bool:
        return bool(self.reasons)

    @property
    def root_causes(self) -> list[str]:
        return sorted({r.root_cause for r in self.reasons})


NOT_ORPHANED = OrphanStatus(OrphanState.OK, ())


def evaluate(asset: AssetFacts, input_reasons: Mapping[str, Iterable[Reason]]) -> OrphanStatus:
    """The status of one asset, given the reasons already known for its live inputs."""
    if not asset.is_live:
        return NOT_ORPHANED
    found: list[Reason] = []
    if asset.file_missing:
        found.append(Reason(OrphanKind.BROKEN, asset.id, 0, (asset.id,)))
    for edge in asset.inputs:
        if edge.pinned:
            continue
        kind = edge.direct_kind()
        if kind is not None:
            found.append(Reason(kind, edge.id, 1, (edge.id, asset.id)))
        if edge.is_live_asset:
            found.extend(r.inherited_by(asset.id) for r in input_reasons.get(edge.id, ()))
    return status_of(found)


def status_of(reasons: Iterable[Reason]) -> OrphanStatus:
    """Keep the best reason per (kind, root cause); the state is the most serious kind."""
    best: dict[tuple[OrphanKind, str], Reason] = {}
    for reason in reasons:
        key = (reason.kind, reason.root_cause)
        if key not in best or (reason.depth, reason.path) < (best[key].depth, best[key].path):
            best[key] = reason
    if not best:
        return NOT_ORPHANED
    kept = tuple(sorted(best.values(), key=reporting_order))
    kinds = {r.kind for r in kept}
    return OrphanStatus(next(STATE_OF[k] for k in SEVERITY if k in kinds), kept)


def reporting_order(reason: Reason) -> tuple[int, str, str]:
    return reason.depth, reason.root_cause, reason.kind.value


def topological(inputs: Mapping[str, Collection[str]]) -> list[str]:
    """Ids ordered so each comes after its inputs among them (`inputs`: id -> input ids;
    the graph is a DAG)."""
    waiting = {i: {j for j in found if j in inputs and j != i} for i, found in inputs.items()}
    consumers: dict[str, list[str]] = {}
    for asset_id, pending in waiting.items():
        for input_id in pending:
            consumers.setdefault(input_id, []).append(asset_id)
    ready = sorted(a for a, pending in waiting.items() if not pending)
    order: list[str] = []
    while ready:
        current = ready.pop()
        order.append(current)
        for consumer in consumers.get(current, ()):
            waiting[consumer].discard(current)
            if not waiting[consumer]:
                ready.append(consumer)
    if len(order) != len(inputs):
        raise ValueError("the GENERATED_FROM/USES_FRAME graph has a cycle")
    return order


def evaluate_all(
    assets: Mapping[str, AssetFacts], known: Mapping[str, Iterable[Reason]]
) -> dict[str, OrphanStatus]:
    """Statuses of `assets` in dependency order; `known` gives the reasons of inputs outside."""
    reasons: dict[str, Iterable[Reason]] = dict(known)
    result: dict[str, OrphanStatus] = {}
    for asset_id in topological({a.id: [i.id for i in a.inputs] for a in assets.values()}):
        status = evaluate(assets[asset_id], reasons)
        result[asset_id] = status
        reasons[asset_id] = status.reasons
    return result


def propagate_roots(
    own: Mapping[str, Collection[str]], inside: Mapping[str, Collection[str]]
) -> dict[str, frozenset[str]]:
    """Root causes of a set of assets: each has its `own` (what its edges to assets
    outside the set give it) and inherits those of its `inside` inputs, in
    dependency order."""
    roots: dict[str, frozenset[str]] = {}
    for asset_id in topological(inside):
        inherited = (roots[i] for i in inside[asset_id])
        roots[asset_id] = frozenset(own[asset_id]).union(*inherited)
    return roots
