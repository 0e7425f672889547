"""Per-request DataLoaders: a nested selection costs one query per field, never per parent.

Wiring: each loader is one domain repository's batch read (the repository names the
query and makes the models) and the node type that shows what it found, so the node
types' relation fields only load (nodes may name a higher domain's type lazily).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from functools import cached_property
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from lineage.assets.nodes import AssetNode, FrameNode
from lineage.assets.repository import AssetRepository
from lineage.db.store import Store
from lineage.orphans.gql_status import OrphanStatusNode
from lineage.orphans.repository import OrphanRepository
from lineage.orphans.rules import NOT_ORPHANED, OrphanStatus
from lineage.projects.nodes import ProjectNode
from lineage.projects.repository import ProjectRepository
from lineage.prompts.nodes import PromptNode
from lineage.prompts.repository import PromptRepository
from lineage.workflows.models import WorkflowRun
from lineage.workflows.nodes import WorkflowNode
from lineage.workflows.repository import WorkflowRepository

T = TypeVar("T")
N = TypeVar("N")
Batch = Callable[[Collection[str]], Awaitable[dict[str, T]]]


def _batched(read: Batch[T], default: T) -> DataLoader[str, T]:
    """A loader reading a batch of keys at once; keys not found get `default`."""

    async def load(keys: Sequence[str]) -> list[T]:
        found = await read(list(dict.fromkeys(keys)))
        return [found.get(k, default) for k in keys]

    return DataLoader(load_fn=load)


def _as_nodes(read: Batch[T], node: Callable[[T], N]) -> Batch[N]:
    """`read`, what it found shown as nodes."""

    async def shown(keys: Collection[str]) -> dict[str, N]:
        return {key: node(value) for key, value in (await read(keys)).items()}

    return shown


def _maybe(node: Callable[[T], N]) -> Callable[[T | None], N | None]:
    return lambda value: None if value is None else node(value)


# A page's nested fields read along with it (`lineage.assets.nested`), shown as the
# node types the loaders of the same fields give.
NODES_OF: dict[str, Callable[[Any], Any]] = {
    "frames": FrameNode.all,
    "prompts": PromptNode.all,
    "sources": AssetNode.all,
    "versions": AssetNode.all,
    "usedBy": AssetNode.all,
    "previousVersion": _maybe(AssetNode.of),
    "currentVersion": _maybe(AssetNode.of),
    "workflow": _maybe(lambda properties: WorkflowNode.of(WorkflowRun.model_validate(properties))),
    "project": _maybe(ProjectNode.of),
}


class Loaders:
    """One request's loaders, each made on first use (most requests need one or two)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.assets = AssetRepository(store)
        self.prompts = PromptRepository(store)
        self.workflows = WorkflowRepository(store)
        self.projects = ProjectRepository(store)

    @staticmethod
    def shown(nested: dict[str, Any]) -> dict[str, Any]:
        """A page's prefetched nested fields as their loaders would give them."""
        return {field: NODES_OF[field](value) for field, value in nested.items()}

    @cached_property
    def asset(self) -> DataLoader[str, AssetNode | None]:
        return _batched(_as_nodes(self.assets.list_many, AssetNode.of), None)

    @cached_property
    def prompts_of(self) -> DataLoader[str, list[PromptNode]]:
        return _batched(_as_nodes(self.assets.list_prompts_of, PromptNode.all), [])

    @cached_property
    def sources_of(self) -> DataLoader[str, list[AssetNode]]:
        return _batched(_as_nodes(self.assets.list_sources_of, AssetNode.all), [])

    @cached_property
    def frames_of(self) -> DataLoader[str, list[FrameNode]]:
        return _batched(_as_nodes(self.assets.list_frames_of, FrameNode.all), [])

    @cached_property
    def used_by(self) -> DataLoader[str, list[AssetNode]]:
        return _batched(_as_nodes(self.assets.list_used_by, AssetNode.all), [])

    @cached_property
    def versions_of(self) -> DataLoader[str, list[AssetNode]]:
        return _batched(_as_nodes(self.assets.list_versions_of, AssetNode.all), [])

    @cached_property
    def workflow_of(self) -> DataLoader[str, WorkflowNode | None]:
        return _batched(_as_nodes(self.workflows.list_runs_of, WorkflowNode.of), None)

    @cached_property
    def project(self) -> DataLoader[str, ProjectNode | None]:
        return _batched(_as_nodes(self.projects.list_many, ProjectNode.of), None)

    @cached_property
    def refined_from(self) -> DataLoader[str, PromptNode | None]:
        return _batched(_as_nodes(self.prompts.list_refined_from, PromptNode.of), None)

    @cached_property
    def revised_from(self) -> DataLoader[str, PromptNode | None]:
        return _batched(_as_nodes(self.prompts.list_revised_from, PromptNode.of), None)

    @cached_property
    def revisions_of(self) -> DataLoader[str, list[PromptNode]]:
        return _batched(_as_nodes(self.prompts.list_revisions_of, PromptNode.all), [])

    @cached_property
    def lineage_cost(self) -> DataLoader[str, int]:
        return _batched(self.assets.list_lineage_costs, 0)

    async def orphan_status_of(
        self, asset_id: str, orphaned: bool, pinned_inputs: list[str]
    ) -> OrphanStatusNode:
        """An asset's orphan status as GraphQL shows it; the reasons are derived from the
        graph for orphans only (in one batch per request)."""
        status = await self.orphan_status.load(asset_id) if orphaned else NOT_ORPHANED
        return OrphanStatusNode.of(status, pinned_inputs)

    @cached_property
    def orphan_status(self) -> DataLoader[str, OrphanStatus]:
        return _batched(OrphanRepository.reading(self.store).reasons_of, NOT_ORPHANED)
