"""Per-request DataLoaders: a nested selection costs one query per field, never per parent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from lineage.assets.models import Asset
from lineage.db.store import Store
from lineage.projects.models import Project
from lineage.prompts.models import Prompt
from lineage.workflows.models import WorkflowRun

T = TypeVar("T")
Frame = tuple[str, int, Asset]


def _batched(
    store: Store, query: str, param: str, key: str, value: Callable[[dict[str, Any]], T], default: T
) -> DataLoader[str, T]:
    """A loader running `query` once for a batch of keys; absent keys get `default`."""

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
    return [(f["role"], f["position"], Asset.model_validate(f["asset"])) for f in row["frames"]]


class Loaders:
    def __init__(self, store: Store) -> None:
        asset, prompt = Asset.model_validate, Prompt.model_validate
        self.asset: DataLoader[str, Asset | None] = _batched(
            store, "assets/find_many", "ids", "id", _one(asset, "asset"), None
        )
        self.prompts_of: DataLoader[str, list[Prompt]] = _batched(
            store, "assets/list_prompts_of", "ids", "id", _many(prompt, "prompts"), []
        )
        self.sources_of: DataLoader[str, list[Asset]] = _batched(
            store, "assets/list_sources_of", "ids", "id", _many(asset, "assets"), []
        )
        self.frames_of: DataLoader[str, list[Frame]] = _batched(
            store, "assets/list_frames_of", "ids", "id", _frames, []
        )
        self.used_by: DataLoader[str, list[Asset]] = _batched(
            store, "assets/list_used_by", "ids", "id", _many(asset, "assets"), []
        )
        self.versions_of: DataLoader[str, list[Asset]] = _batched(
            store, "assets/list_versions_of", "slots", "slot", _many(asset, "assets"), []
        )
        self.workflow_of: DataLoader[str, WorkflowRun | None] = _batched(
            store,
            "assets/list_workflows_of",
            "ids",
            "id",
            _one(WorkflowRun.model_validate, "workflow"),
            None,
        )
        self.project: DataLoader[str, Project | None] = _batched(
            store,
            "projects/find_many",
            "codes",
            "code",
            _one(Project.model_validate, "project"),
            None,
        )
        self.prompt: DataLoader[str, Prompt | None] = _batched(
            store, "prompts/find_many", "ids", "id", _one(prompt, "prompt"), None
        )
        self.refined_from: DataLoader[str, Prompt | None] = _batched(
            store, "prompts/list_refined_from", "ids", "id", _one(prompt, "prompt"), None
        )
        self.lineage_cost: DataLoader[str, float] = _batched(
            store, "assets/list_lineage_costs", "ids", "id", lambda row: float(row["cost"]), 0.0
        )
