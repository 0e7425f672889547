"""The per-request GraphQL context: services over the process's one store."""

from __future__ import annotations

from fastapi import Request
from strawberry.fastapi import BaseContext

from lineage.projects.repository import ProjectRepository
from lineage.projects.service import ProjectService
from lineage.settings import Settings
from lineage.state import ServiceState


class Context(BaseContext):
    def __init__(self, state: ServiceState) -> None:
        super().__init__()
        self.settings: Settings = state.settings
        self.projects = ProjectService(ProjectRepository(state.store))


async def get_context(request: Request) -> Context:
    return Context(request.app.state.lineage)
