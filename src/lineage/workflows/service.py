"""Workflow runs, and the n8n case: a run with its prompts and generations in one transaction."""

from __future__ import annotations

import secrets
import time
from typing import Any

from lineage import idempotency
from lineage.assets.models import Asset, NewGeneration
from lineage.assets.nested import assets_of
from lineage.assets.precheck import stores_bytes
from lineage.assets.rules import check_shape
from lineage.db.store import Store, Tx
from lineage.errors import ConflictError, InvalidInputError, NotFoundError
from lineage.generations.service import GenerationService
from lineage.models import Model, utc_timestamp
from lineage.orphans.refresh import refresh_in
from lineage.paging import Page
from lineage.projects.readonly import check_writable
from lineage.prompts.models import NewPrompt, Prompt
from lineage.prompts.service import PromptService
from lineage.workflows.models import NewWorkflowRun, WorkflowFilter, WorkflowRun
from lineage.workflows.repository import WorkflowRepository


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
    max_generations = 200  # the service's settings replace this default

    def __init__(
        self, store: Store, prompts: PromptService, generations: GenerationService
    ) -> None:
        self.store = store
        self.prompts = prompts
        self.generations = generations
        self.repository = WorkflowRepository(store)

    async def get(self, run_id: str) -> WorkflowRun:
        run = await self.repository.find(run_id)
        if run is None:
            raise NotFoundError(f"no workflow run with id {run_id!r}")
        return run

    async def list_page(self, asked: Page, where: WorkflowFilter) -> tuple[list[WorkflowRun], int]:
        """Up to `asked.size + 1` runs after the cursor, and how many match in all."""
        return await self.repository.list_page(asked, where)

    async def record(self, request: WorkflowRunRequest, client_key: str | None) -> RecordedRun:
        keys = [p.key for p in request.prompts] + [g.key for g in request.generations]
        if len(keys) != len(set(keys)):
            raise InvalidInputError("every prompt and generation of a run needs its own key")
        if len(request.generations) > self.max_generations:
            raise InvalidInputError(
                f"a workflow run records at most {self.max_generations} generations; "
                f"this one has {len(request.generations)}"
            )
        for item in request.generations:
            check_shape(item.generation, self.generations.params_limits)
        sent = request.to_row()
        if not await self._is_replay(request, client_key, sent):
            request = await self._with_files(request)
        return await self.store.in_write_tx(
            lambda tx: self._record_in(tx, request, client_key, sent)
        )

    async def _is_replay(
        self, request: WorkflowRunRequest, key: str | None, sent: dict[str, Any]
    ) -> bool:
        """Before any generation's bytes are stored (see `lineage.assets.precheck`): True
        for a replay; the run's own refusals (unknown project, taken id) raised now."""
        if not any(stores_bytes(item.generation) for item in request.generations):
            return False

        async def ask(tx: Tx) -> bool:
            if await idempotency.find(tx, key, "recordWorkflowRun", sent) is not None:
                return True
            await _check_run(tx, request.run.id, request.run.project_code)
            return False

        return await self.store.in_read_tx(ask)

    async def _with_files(self, request: WorkflowRunRequest) -> WorkflowRunRequest:
        """Each generation's file stored or resolved as `recordGeneration` does it."""
        attached = [
            item.model_copy(
                update={"generation": await self.generations.attach_file(item.generation)}
            )
            for item in request.generations
        ]
        return request.model_copy(update={"generations": attached})

    async def _record_in(
        self, tx: Tx, request: WorkflowRunRequest, key: str | None, sent: dict[str, Any]
    ) -> RecordedRun:
        replayed = await idempotency.claim(tx, key, "recordWorkflowRun", sent)
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
        await _check_run(tx, run_id, run.project_code)
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
            assets_of(row["assets"]),
        )


async def _check_run(tx: Tx, run_id: str | None, project_code: str | None) -> None:
    """ConflictError for a taken run id, NotFoundError for an unknown project."""
    [found] = await tx.run(
        "workflows/find_workflow_references", id=run_id, projectCode=project_code
    )
    if found["idTaken"]:
        raise ConflictError(f"a workflow run with id {run_id!r} already exists")
    if not found["projectFound"]:
        raise NotFoundError(f"unknown project {project_code!r}")


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
