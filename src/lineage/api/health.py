"""`/healthz` (the process is up) and `/readyz` (Neo4j answers, schema applied)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from lineage.errors import LineageError
from lineage.state import ServiceState

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    state: ServiceState = request.app.state.lineage
    try:
        await state.store.read("admin/ping")
    except LineageError as exc:
        return JSONResponse({"status": "unavailable", "reason": exc.message}, status_code=503)
    if not await state.ensure_schema():
        return JSONResponse(
            {"status": "unavailable", "reason": f"schema not applied: {state.last_error}"},
            status_code=503,
        )
    return JSONResponse({"status": "ready"})
