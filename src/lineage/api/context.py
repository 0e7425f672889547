"""The per-request GraphQL context: services over the process's one store."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from lineage.api.loaders import Loaders
from lineage.assets.service import GenerationService
from lineage.files import FileStore
from lineage.files.derived import Derivatives
from lineage.orphans.service import OrphanService
from lineage.projects.repository import ProjectRepository
from lineage.projects.service import ProjectService
from lineage.prompts.service import PromptService
from lineage.settings import Settings
from lineage.state import ServiceState
from lineage.workflows.service import WorkflowService


class Context:
    def __init__(
        self, state: ServiceState, files: FileStore | None, request: HTTPConnection
    ) -> None:
        self.request = request
        self.settings: Settings = state.settings
        self.store = state.store
        self.projects = ProjectService(ProjectRepository(state.store))
        settings = state.settings
        self.generations = GenerationService(state.store, files, settings.source_root)
        self.generations.params_limits = state.params_limits
        self.prompts = PromptService(state.store)
        self.workflows = WorkflowService(state.store, self.prompts, self.generations)
        self.workflows.max_generations = settings.max_run_generations
        self.orphans = OrphanService(state.store)
        self.loaders = Loaders(state.store)
        self.media_urls = state.media_urls
        self.derivatives: Derivatives = request.app.state.derivatives

    def absolute_url(self, path: str) -> str:
        """`path` on the API's public address (`LINEAGE_PUBLIC_URL`), else this request's."""
        base = self.settings.public_url or str(self.request.base_url)
        return base.rstrip("/") + path
