"""Recording and reading prompts."""

from __future__ import annotations

import secrets
import time
from typing import Any

from lineage import idempotency
from lineage.db.store import AfterChange, Store, Tx
from lineage.errors import ConflictError, InvalidInputError, NotFoundError
from lineage.models import utc_timestamp
from lineage.paging import Page
from lineage.projects.readonly import check_writable
from lineage.prompts.models import NewPrompt, Prompt, PromptFilter, PromptKind
from lineage.prompts.repository import PromptRepository

EDGE_FIELDS = {"refined_from_id", "revises_id", "workflow_id"}


def check_prompt_references(new: NewPrompt, found: dict[str, Any]) -> None:
    if found["idTaken"]:
        raise ConflictError(f"a prompt with id {new.id!r} already exists")
    missing = []
    if new.refined_from_id and found["refinedFromKind"] is None:
        missing.append(f"prompt {new.refined_from_id!r} (refinedFromId)")
    if not found["projectFound"]:
        missing.append(f"project {new.project_code!r}")
    if not found["workflowFound"]:
        missing.append(f"workflow {new.workflow_id!r}")
    if not found["revisesFound"]:
        missing.append(f"prompt {new.revises_id!r} (revisesId)")
    if missing:
        raise NotFoundError("unknown " + ", ".join(missing))
    if new.kind is PromptKind.MACHINE and found["refinedFromKind"] != "human":
        raise InvalidInputError(f"{new.refined_from_id!r} is not a human prompt")


class PromptService:
    def __init__(self, store: Store, refresh: AfterChange) -> None:
        """`refresh`: what brings orphan state up to date after a prompt is revised."""
        self.store = store
        self.refresh = refresh
        self.repository = PromptRepository(store)

    async def get(self, prompt_id: str) -> Prompt:
        prompt = await self.repository.find(prompt_id)
        if prompt is None:
            raise NotFoundError(f"no prompt with id {prompt_id!r}")
        return prompt

    async def list_page(self, asked: Page, where: PromptFilter) -> tuple[list[Prompt], int]:
        """Up to `asked.size + 1` prompts after the cursor, and how many match in all."""
        return await self.repository.list_page(asked, where)

    async def record(self, new: NewPrompt, client_key: str | None = None) -> Prompt:
        return await self.store.in_write_tx(lambda tx: self.record_in(tx, new, client_key))

    async def record_in(self, tx: Tx, new: NewPrompt, client_key: str | None) -> Prompt:
        replayed = await idempotency.claim(tx, client_key, "recordPrompt", new.to_row())
        if replayed is None:
            replayed = await self._create(tx, new)
            if new.revises_id:
                await self.refresh(tx, [new.revises_id])
            await idempotency.remember(tx, client_key, replayed)
        [row] = await tx.run("prompts/find_by_id", id=replayed)
        return Prompt.model_validate(row["prompt"])

    async def _create(self, tx: Tx, new: NewPrompt) -> str:
        prompt_id = new.id or f"prompt_{int(time.time() * 1000)}_{secrets.token_hex(3)}"
        new = new.model_copy(
            update={"id": prompt_id, "created_at": new.created_at or utc_timestamp()}
        )
        refs = {
            "id": prompt_id,
            "refinedFromId": new.refined_from_id,
            "projectCode": new.project_code,
            "workflowId": new.workflow_id,
            "revisesId": new.revises_id,
        }
        [found] = await tx.run("prompts/find_prompt_references", **refs)
        check_prompt_references(new, found)
        await check_writable(tx, new.project_code)
        row = new.model_dump(by_alias=True, mode="json", exclude=EDGE_FIELDS)
        await tx.run("prompts/create", row=row, **{k: v for k, v in refs.items() if k != "id"})
        return prompt_id
