"""Per-request DataLoaders: a nested selection costs one query per field, never per parent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from lineage.assets.models import Asset
from lineage.assets.nested import Frame, frames_of
from lineage.db.store import Store
from lineage.orphans.rules import NOT_ORPHANED, OrphanStatus
from lineage.orphans.tracker import status_from_candidates
from lineage.projects.models import Project
from lineage.prompts.models import Prompt
from lineage.workflows.models import WorkflowRun

T = TypeVar("T")


def _batched(
    store: Store,
    query: str,
    value: Callable[[dict[str, Any]], T],
    default: T,
    *,
    param: str = "ids",
    key: str = "id",
) -> DataLoader[str, T]:
    """A loader running `query` once for a batch of keys (the `param` list; each row
    names its key in `key`); absent keys get `default`."""

    async def load(keys: Sequence[str]) -> list[T]:
        rows = await store.read(query, **{param: list(dict.fromkeys(keys))})
        found = {row[key]: value(row) for row in rows}
        return [found.get(k, default) for k in keys]

    return DataLoader(load_fn=load)


def _many(model: Callable[[Any], T], field: str) -> Callable[[dict[str, Any]], list[T]]:
    return lambda row: [model(item) for item in row[field]]


def _one(model: Callable[[Any], T], field: str) -> Callable[[dict[str, Any]], T]:
    return lambda row: model(row[field])


def _frames(row: dict[str, Any]) -> list[Frame]:
    return frames_of(row["frames"])


class Loaders:
    """One request's loaders, each made on first use (most requests need one or two)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @cached_property
    def asset(self) -> DataLoader[str, Asset | None]:
        return _batched(self.store, "assets/find_many", _one(Asset.model_validate, "asset"), None)

    @cached_property
    def prompts_of(self) -> DataLoader[str, list[Prompt]]:
        prompts = _many(Prompt.model_validate, "prompts")
        return _batched(self.store, "assets/list_prompts_of", prompts, [])

    @cached_property
    def sources_of(self) -> DataLoader[str, list[Asset]]:
        assets = _many(Asset.model_validate, "assets")
        return _batched(self.store, "assets/list_sources_of", assets, [])

    @cached_property
    def frames_of(self) -> DataLoader[str, list[Frame]]:
        return _batched(self.store, "assets/list_frames_of", _frames, [])

    @cached_property
    def used_by(self) -> DataLoader[str, list[Asset]]:
        assets = _many(Asset.model_validate, "assets")
        return _batched(self.store, "assets/list_used_by", assets, [])

    @cached_property
    def versions_of(self) -> DataLoader[str, list[Asset]]:
        assets, query = _many(Asset.model_validate, "assets"), "assets/list_versions_of"
        return _batched(self.store, query, assets, [], param="slotKeys", key="slotKey")

    @cached_property
    def workflow_of(self) -> DataLoader[str, WorkflowRun | None]:
        run = _one(WorkflowRun.model_validate, "workflow")
        return _batched(self.store, "assets/list_workflows_of", run, None)

    @cached_property
    def project(self) -> DataLoader[str, Project | None]:
        project = _one(Project.model_validate, "project")
        return _batched(self.store, "projects/find_many", project, None, param="codes", key="code")

    @cached_property
    def refined_from(self) -> DataLoader[str, Prompt | None]:
        prompt = _one(Prompt.model_validate, "prompt")
        return _batched(self.store, "prompts/list_refined_from", prompt, None)

    @cached_property
    def lineage_cost(self) -> DataLoader[str, int]:
        return _batched(self.store, "assets/list_lineage_costs", lambda row: row["costMicros"], 0)

    @cached_property
    def orphan_status(self) -> DataLoader[str, OrphanStatus]:
        status = _one(status_from_candidates, "candidates")
        return _batched(self.store, "orphans/explain_reasons", status, NOT_ORPHANED)
