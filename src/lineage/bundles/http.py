"""HTTP endpoints of bundles: a project's export, streamed, and imports.

    GET  /projects/{code}/export   (read key)   the bundle, streamed as application/x-tar
    GET  /assets/{id}/export       (read key)   an asset and its upstream, streamed likewise
    POST /imports?as=NEW-CODE      (admin key)  the request body is a bundle; the import's report

The export's graph is read (and spooled) before the first byte is sent, so a
project or asset that does not exist is a 404; the files follow straight from the
catalog. An import's body streams to a temporary file, then goes through the
same checks as `lineage import`: a bad bundle is a 422 INVALID_BUNDLE, a
project that exists with other content a 409 PROJECT_DIFFERS; either way
nothing is written.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from lineage.auth.models import Caller, Scope
from lineage.bundles.exporter import Exporter, tar_chunks
from lineage.bundles.importer import import_bundle
from lineage.bundles.models import BundleScope, ScopeKind
from lineage.bundles.service import archive_of
from lineage.files.http import http_errors

if TYPE_CHECKING:  # the app's state is wiring above this module
    from lineage.state import ServiceState

router = APIRouter(tags=["bundles"])
TAR = "application/x-tar"
UPLOAD_CHUNK = 1024 * 1024
FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]")


@router.get(
    "/projects/{code}/export",
    summary="Export a project as a bundle (tar), streamed",
    response_class=StreamingResponse,
    responses={200: {"content": {TAR: {}}}, 404: {"description": "No such project"}},
)
async def export_project(code: str, request: Request) -> StreamingResponse:
    scope = BundleScope(kind=ScopeKind.PROJECT, project_code=code)
    return await _streamed(request, scope, f"{code}.tar")


@router.get(
    "/assets/{asset_id}/export",
    summary="Export an asset with everything it was built from (tar), streamed",
    description="The bundle of `lineage export --asset ID --upstream`: the asset, its "
    "inputs and frames at any depth, their prompts and runs, and the projects they are "
    "part of; `lineage import` and POST /imports take it.",
    response_class=StreamingResponse,
    responses={200: {"content": {TAR: {}}}, 404: {"description": "No such asset"}},
)
async def export_upstream(asset_id: str, request: Request) -> StreamingResponse:
    scope = BundleScope(kind=ScopeKind.UPSTREAM, asset_id=asset_id)
    return await _streamed(request, scope, f"{FILENAME_UNSAFE.sub('_', asset_id)}-upstream.tar")


async def _streamed(request: Request, scope: BundleScope, filename: str) -> StreamingResponse:
    state: ServiceState = request.app.state.lineage
    exporter = Exporter(state.store, request.app.state.file_store, archive_of(state.settings))
    with http_errors():
        prepared = await exporter.prepare(scope)
    headers = {
        "Content-Length": str(prepared.size),
        "Content-Disposition": f'attachment; filename="{filename}"',
    }
    return StreamingResponse(
        tar_chunks(prepared),
        media_type=TAR,
        headers=headers,
        background=BackgroundTask(prepared.close),
    )


@router.post(
    "/imports",
    summary="Import a bundle (admin key); the body is the tar",
    openapi_extra={"requestBody": {"required": True, "content": {TAR: {}}}},
)
async def import_posted_bundle(
    request: Request,
    as_code: Annotated[str | None, Query(alias="as", description="import under this code")] = None,
) -> dict[str, Any]:
    _require_admin(request)
    state: ServiceState = request.app.state.lineage
    with tempfile.TemporaryDirectory(prefix="lineage-upload-") as folder:
        path = Path(folder) / "bundle.tar"
        with path.open("wb") as sink:
            async for chunk in request.stream():
                sink.write(chunk)
        with http_errors():
            report = await import_bundle(
                state.store, request.app.state.file_store, path, as_code=as_code
            )
    return report.to_json()


def _require_admin(request: Request) -> None:
    caller = request.scope.get("state", {}).get("caller")
    if not isinstance(caller, Caller) or not caller.may(Scope.ADMIN):
        held = ", ".join(sorted(caller.scopes)) if isinstance(caller, Caller) else "none"
        detail = {
            "code": "FORBIDDEN",
            "message": f"POST /imports needs an 'admin' key (held: {held})",
        }
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=detail)
