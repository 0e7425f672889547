"""The per-request GraphQL context: services over the process's one store (wiring).

It builds every domain's service, so it sits on top of them all: resolvers name its
type through `lineage.api.info.Ctx`, never by importing this module.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

from lineage.api.loaders import Loaders
from lineage.assets.service import AssetService
from lineage.bundles.service import ArchiveService, archive_of
from lineage.files import FileStore
from lineage.files.derived import Derivatives
from lineage.generations.service import GenerationService
from lineage.graph.service import LineageService
from lineage.orphans.refresh import refresh_in
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
        self._store = state.store
        self.projects = ProjectService(ProjectRepository(state.store))
        settings = state.settings
        self.assets = AssetService(state.store)
        self.generations = GenerationService(state.store, files, settings.source_root)
        self.generations.params_limits = state.params_limits
        self.prompts = PromptService(state.store, refresh_in)
        self.workflows = WorkflowService(state.store, self.prompts, self.generations)
        self.workflows.max_generations = settings.max_run_generations
        self.orphans = OrphanService(state.store)
        self.lineage = LineageService(state.store, settings.max_lineage_depth)
        self.loaders = Loaders(state.store)
        self.media_urls = state.media_urls
        self.derivatives: Derivatives = request.app.state.derivatives

    def archives(self) -> ArchiveService:
        """Archiving and restoring projects, over the app's file store (files move)."""
        files = self.request.app.state.file_store
        return ArchiveService(self._store, files, archive_of(self.settings))

    def absolute_url(self, path: str) -> str:
        """`path` on the API's public address (`LINEAGE_PUBLIC_URL`), else this request's."""
        base = self.settings.public_url or str(self.request.base_url)
        return base.rstrip("/") + path
