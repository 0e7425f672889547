"""Prompts in Neo4j: the reads (the writes run in the service's transaction)."""

from __future__ import annotations

from collections.abc import Collection

from lineage.db.store import Store
from lineage.fulltext import keywords_query
from lineage.paging import Page
from lineage.prompts.models import Prompt, PromptFilter


class PromptRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def find(self, prompt_id: str) -> Prompt | None:
        rows = await self.store.read("prompts/find_by_id", id=prompt_id)
        return Prompt.model_validate(rows[0]["prompt"]) if rows else None

    async def list_page(self, asked: Page, where: PromptFilter) -> tuple[list[Prompt], int]:
        """Up to `asked.size + 1` prompts after the cursor, and how many match in all."""
        [row] = await self.store.read(
            "prompts/list",
            **asked.params(),
            kind=where.kind.value if where.kind else None,
            role=where.role,
            projectCode=where.project_code,
            search=keywords_query(where.search) if where.search else None,
        )
        return [Prompt.model_validate(p) for p in row["prompts"]], row["totalCount"]

    async def list_refined_from(self, ids: Collection[str]) -> dict[str, Prompt]:
        """The prompt each of `ids` was refined from (for those refined from one)."""
        rows = await self.store.read("prompts/list_refined_from", ids=list(ids))
        return {row["id"]: Prompt.model_validate(row["prompt"]) for row in rows}

    async def list_revised_from(self, ids: Collection[str]) -> dict[str, Prompt]:
        """The prompt each of `ids` revises (its older version), for those revising one."""
        rows = await self.store.read("prompts/list_revised_from", ids=list(ids))
        return {row["id"]: Prompt.model_validate(row["prompt"]) for row in rows}

    async def list_revisions_of(self, ids: Collection[str]) -> dict[str, list[Prompt]]:
        """Each prompt's whole revision history, itself included, oldest first."""
        rows = await self.store.read("prompts/list_revisions_of", ids=list(ids))
        return {row["id"]: [Prompt.model_validate(p) for p in row["prompts"]] for row in rows}
