"""`/healthz` (the process is up) and `/readyz` (Neo4j answers, schema applied).

Both are public (no API key: load balancers call them), so they say only what
is wrong, never where: no Neo4j address, user or error details (those are logged).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from lineage.api.errors import public_message
from lineage.errors import LineageError

if TYPE_CHECKING:  # the app's state is wiring above this module
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
        return _unavailable(exc.code, public_message(exc))
    if not await state.ensure_schema():
        return _unavailable("SCHEMA_NOT_APPLIED", "the schema migrations are not applied yet")
    return JSONResponse({"status": "ready"})


def _unavailable(code: str, reason: str) -> JSONResponse:
    body = {"status": "unavailable", "code": code, "reason": reason}
    return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
