"""Workflow runs, and the n8n case: a run with its prompts and generations in one transaction."""

from __future__ import annotations

import secrets
import time
from typing import Any

from lineage import idempotency
from lineage.assets.models import Asset, NewGeneration
from lineage.assets.rules import check_shape
from lineage.assets.service import GenerationService
from lineage.bundles.readonly import check_writable
from lineage.db.store import Store, Tx
from lineage.errors import ConflictError, InvalidInputError, NotFoundError
from lineage.models import Model, utc_timestamp
from lineage.orphans.tracker import refresh_in
from lineage.prompts.models import NewPrompt, Prompt
from lineage.prompts.service import PromptService
from lineage.workflows.models import NewWorkflowRun, WorkflowRun


class KeyedPrompt(Model):
    key: str
    prompt: NewPrompt


class KeyedGeneration(Model):
    key: str
    generation: NewGeneration


class WorkflowRunRequest(Model):
    """A run plus what it produced; `key`s let items name each other before ids exist."""

    run: NewWorkflowRun
    prompts: list[KeyedPrompt] = []
    generations: list[KeyedGeneration] = []


class RecordedRun(Model):
    run: WorkflowRun
    prompts: list[Prompt]
    assets: list[Asset]


def _resolve(ref: str | None, ids: dict[str, str]) -> str | None:
    return None if ref is None else ids.get(ref, ref)


class WorkflowService:
    def __init__(
        self, store: Store, prompts: PromptService, generations: GenerationService
    ) -> None:
        self.store = store
        self.prompts = prompts
        self.generations = generations

    async def get(self, run_id: str) -> WorkflowRun:
        rows = await self.store.read("workflows/find_by_id", id=run_id)
        if not rows:
            raise NotFoundError(f"no workflow run with id {run_id!r}")
        return WorkflowRun.model_validate(rows[0]["workflow"])

    async def list_page(
        self, skip: int, limit: int, **filters: Any
    ) -> tuple[list[WorkflowRun], int]:
        [row] = await self.store.read("workflows/list", skip=skip, limit=limit, **filters)
        return [WorkflowRun.model_validate(w) for w in row["workflows"]], row["totalCount"]

    async def record(self, request: WorkflowRunRequest, client_key: str | None) -> RecordedRun:
        keys = [p.key for p in request.prompts] + [g.key for g in request.generations]
        if len(keys) != len(set(keys)):
            raise InvalidInputError("every prompt and generation of a run needs its own key")
        for item in request.generations:
            check_shape(item.generation)
        return await self.store.in_write_tx(lambda tx: self._record_in(tx, request, client_key))

    async def _record_in(self, tx: Tx, request: WorkflowRunRequest, key: str | None) -> RecordedRun:
        replayed = await idempotency.claim(tx, key, "recordWorkflowRun", request.to_row())
        run_id = replayed or await self._create_run(tx, request.run)
        if replayed is None:
            changed = await self._create_outputs(tx, request, run_id)
            await refresh_in(tx, ids=changed)
            await idempotency.remember(tx, key, run_id)
        prompts, assets = await self._outputs_of(tx, run_id)
        [row] = await tx.run("workflows/find_by_id", id=run_id)
        return RecordedRun(
            run=WorkflowRun.model_validate(row["workflow"]), prompts=prompts, assets=assets
        )

    async def _create_run(self, tx: Tx, run: NewWorkflowRun) -> str:
        run_id = run.id or f"run_{int(time.time() * 1000)}_{secrets.token_hex(3)}"
        [found] = await tx.run(
            "workflows/find_workflow_references", id=run_id, projectCode=run.project_code
        )
        if found["idTaken"]:
            raise ConflictError(f"a workflow run with id {run_id!r} already exists")
        if not found["projectFound"]:
            raise NotFoundError(f"unknown project {run.project_code!r}")
        await check_writable(tx, run.project_code)
        row = run.model_copy(update={"id": run_id, "started_at": run.started_at or utc_timestamp()})
        await tx.run("workflows/create", row=row.to_row(), projectCode=run.project_code)
        return run_id

    async def _create_outputs(self, tx: Tx, request: WorkflowRunRequest, run_id: str) -> list[str]:
        """Record the run's prompts and generations; the asset ids whose state changed."""
        ids: dict[str, str] = {}
        project = request.run.project_code
        for item in request.prompts:
            new = item.prompt.model_copy(
                update={
                    "workflow_id": run_id,
                    "project_code": item.prompt.project_code or project,
                    "refined_from_id": _resolve(item.prompt.refined_from_id, ids),
                }
            )
            prompt = await self.prompts.record_in(tx, new, None)
            ids[item.key] = prompt.id
        changed: list[str] = []
        for entry in request.generations:
            recorded = await self.generations.record_in(
                tx, _bind(entry.generation, ids, run_id, project), None
            )
            ids[entry.key] = recorded.asset_id
            changed += recorded.changed_ids
        return changed

    async def _outputs_of(self, tx: Tx, run_id: str) -> tuple[list[Prompt], list[Asset]]:
        [row] = await tx.run("workflows/list_outputs", id=run_id)
        return (
            [Prompt.model_validate(p) for p in row["prompts"]],
            [Asset.model_validate(a) for a in row["assets"]],
        )


def _bind(
    gen: NewGeneration, ids: dict[str, str], run_id: str, project: str | None
) -> NewGeneration:
    """The generation with keys replaced by ids and the run and project filled in."""
    frames = [
        f.model_copy(update={"asset_id": ids.get(f.asset_id, f.asset_id)}) for f in gen.frames
    ]
    return gen.model_copy(
        update={
            "workflow_id": run_id,
            "project_code": gen.project_code or project,
            "prompt_ids": [ids.get(p, p) for p in gen.prompt_ids],
            "source_asset_ids": [ids.get(s, s) for s in gen.source_asset_ids],
            "frames": frames,
            "regenerates_id": _resolve(gen.regenerates_id, ids),
        }
    )
