"""Per-request DataLoaders: a nested selection costs one query per field, never per parent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
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
    """One request's loaders, each made on first use (most requests need one or two)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @cached_property
    def asset(self) -> DataLoader[str, Asset | None]:
        return _batched(
            self.store, "assets/find_many", "ids", "id", _one(Asset.model_validate, "asset"), None
        )

    @cached_property
    def prompts_of(self) -> DataLoader[str, list[Prompt]]:
        return _batched(
            self.store,
            "assets/list_prompts_of",
            "ids",
            "id",
            _many(Prompt.model_validate, "prompts"),
            [],
        )

    @cached_property
    def sources_of(self) -> DataLoader[str, list[Asset]]:
        return _batched(
            self.store,
            "assets/list_sources_of",
            "ids",
            "id",
            _many(Asset.model_validate, "assets"),
            [],
        )

    @cached_property
    def frames_of(self) -> DataLoader[str, list[Frame]]:
        return _batched(self.store, "assets/list_frames_of", "ids", "id", _frames, [])

    @cached_property
    def used_by(self) -> DataLoader[str, list[Asset]]:
        return _batched(
            self.store,
            "assets/list_used_by",
            "ids",
            "id",
            _many(Asset.model_validate, "assets"),
            [],
        )

    @cached_property
    def versions_of(self) -> DataLoader[str, list[Asset]]:
        return _batched(
            self.store,
            "assets/list_versions_of",
            "slots",
            "slot",
            _many(Asset.model_validate, "assets"),
            [],
        )

    @cached_property
    def workflow_of(self) -> DataLoader[str, WorkflowRun | None]:
        return _batched(
            self.store,
            "assets/list_workflows_of",
            "ids",
            "id",
            _one(WorkflowRun.model_validate, "workflow"),
            None,
        )

    @cached_property
    def project(self) -> DataLoader[str, Project | None]:
        return _batched(
            self.store,
            "projects/find_many",
            "codes",
            "code",
            _one(Project.model_validate, "project"),
            None,
        )

    @cached_property
    def prompt(self) -> DataLoader[str, Prompt | None]:
        return _batched(
            self.store,
            "prompts/find_many",
            "ids",
            "id",
            _one(Prompt.model_validate, "prompt"),
            None,
        )

    @cached_property
    def refined_from(self) -> DataLoader[str, Prompt | None]:
        return _batched(
            self.store,
            "prompts/list_refined_from",
            "ids",
            "id",
            _one(Prompt.model_validate, "prompt"),
            None,
        )

    @cached_property
    def lineage_cost(self) -> DataLoader[str, float]:
        return _batched(
            self.store,
            "assets/list_lineage_costs",
            "ids",
            "id",
            lambda row: float(row["cost"]),
            0.0,
        )
