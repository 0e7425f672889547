"""HTTP endpoints of the file store: streaming upload and ranged, cached download.

Wiring (the application's job): include `router` and, in the lifespan, set

    app.state.file_store = LocalFileStore(settings.assets_root)
    await app.state.file_store.recover()

`get_file_store` reads that attribute, so tests and other stores can swap it.

Upload is the raw request body (not multipart): the bytes stream straight into the
store, so the size limit is enforced while reading and nothing is spooled first.
Errors are `{"detail": {"code": ..., "message": ...}}` with the statuses below.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.responses import FileResponse

from lineage.errors import ConflictError, InvalidInputError, LineageError, NotFoundError
from lineage.files.derived import DERIVED_PREFIX, Derivatives
from lineage.files.errors import (
    FileTooLargeError,
    ImageTooLargeError,
    MediaMismatchError,
    PathEscapeError,
    UnsupportedMediaError,
)
from lineage.files.media import KINDS
from lineage.files.models import URL_PREFIX, AssetType, FileClaim, StoredFile
from lineage.files.pictures import MEDIA_TYPE
from lineage.files.staging import sha256_of
from lineage.files.store import FileStore

# Private: only the browser that asked may keep a file (a shared cache must not hand
# a file fetched with a key, or by a signed URL past its expiry, to anyone else).
IMMUTABLE = "private, max-age=31536000, immutable"
# Browsers must take a file for its sniffed type only: a polyglot (an image that is
# also HTML or script) is never run as anything else.
NO_SNIFFING = {"x-content-type-options": "nosniff"}
STATUSES: list[tuple[type[LineageError], int]] = [
    (FileTooLargeError, status.HTTP_413_CONTENT_TOO_LARGE),
    (ImageTooLargeError, status.HTTP_413_CONTENT_TOO_LARGE),
    (UnsupportedMediaError, status.HTTP_415_UNSUPPORTED_MEDIA_TYPE),
    (MediaMismatchError, status.HTTP_422_UNPROCESSABLE_CONTENT),
    (PathEscapeError, status.HTTP_400_BAD_REQUEST),
    (NotFoundError, status.HTTP_404_NOT_FOUND),
    (ConflictError, status.HTTP_409_CONFLICT),
    (InvalidInputError, status.HTTP_422_UNPROCESSABLE_CONTENT),
]
UPLOAD_DESCRIPTION = """\
Stores the request body as a new asset file and returns its reference (`ref`), which
`recordGeneration` takes. Send the raw bytes as the body (not multipart), e.g.

    curl --data-binary @shot.jpg -H 'Content-Type: image/jpeg' \\
      'http://127.0.0.1:8000/files?type=image&provider=fal&model=flux-pro'

The media type is sniffed from the bytes; `Content-Type` (unless
`application/octet-stream`), `filename`'s extension and `type` must agree with it.
The same bytes uploaded again return the first file with `deduplicated: true` (200).

Errors: 400 PATH_ESCAPE (a filename that is a path), 413 FILE_TOO_LARGE or
IMAGE_TOO_LARGE (more pixels than LINEAGE_MAX_IMAGE_PIXELS),
415 UNSUPPORTED_MEDIA (not JPEG, PNG, WebP, GIF, MP3, WAV, Ogg, M4A, AAC, MP4, WebM
or MOV), 422 MEDIA_MISMATCH (bytes contradict a claim or do not decode).
"""
BINARY = {"schema": {"type": "string", "format": "binary"}}
BODY_TYPES = [kind.media_type for kind in KINDS.values()] + ["application/octet-stream"]
BINARY_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": dict.fromkeys(BODY_TYPES, BINARY)}
}

router = APIRouter(prefix=URL_PREFIX, tags=["files"])


def get_file_store(request: Request) -> FileStore:
    """The store the application put in `app.state.file_store`."""
    return cast(FileStore, request.app.state.file_store)


Store = Annotated[FileStore, Depends(get_file_store)]


@contextmanager
def http_errors() -> Iterator[None]:
    """Turn the store's expected errors into HTTP errors carrying their code."""
    try:
        yield
    except LineageError as exc:
        code = next((code for kind, code in STATUSES if isinstance(exc, kind)), None)
        if code is None:
            raise
        detail = {"code": exc.code, "message": exc.message}
        raise HTTPException(status_code=code, detail=detail) from exc


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Upload an asset file (raw body, streamed)",
    description=UPLOAD_DESCRIPTION,
    openapi_extra=BINARY_BODY,
    responses={200: {"model": StoredFile, "description": "The same bytes, stored before"}},
)
async def upload_file(
    request: Request,
    response: Response,
    store: Store,
    *,
    asset_type: Annotated[AssetType, Query(alias="type", description="the asset's type")],
    provider: Annotated[str, Query(min_length=1, max_length=100, examples=["fal"])],
    model: Annotated[str, Query(min_length=1, max_length=100, examples=["flux-pro"])],
    filename: Annotated[str | None, Query(max_length=255, description="original name")] = None,
) -> StoredFile:
    with http_errors():
        _refuse_declared_oversize(request, store.max_bytes)
        claim = FileClaim(
            asset_type, provider, model, request.headers.get("content-type"), filename
        )
        stored = await store.save(request.stream(), claim)
    if stored.deduplicated:
        response.status_code = status.HTTP_200_OK
    return stored


def get_derivatives(request: Request) -> Derivatives:
    """The derived files the application put in `app.state.derivatives`."""
    return cast(Derivatives, request.app.state.derivatives)


@router.head(f"/{DERIVED_PREFIX}/{{name}}", include_in_schema=False)
@router.get(
    f"/{DERIVED_PREFIX}/{{name}}",
    summary="Download a preview (Range, ETag)",
    response_class=FileResponse,
    responses={206: {"description": "Partial content"}, 304: {"description": "Not modified"}},
)
async def download_derived(
    name: str, request: Request, derivatives: Annotated[Derivatives, Depends(get_derivatives)]
) -> Response:
    """A preview `Asset.preview` made, served like the originals; ETag is its SHA-256."""
    with http_errors():
        path = derivatives.path_of(name)
        if not path.is_file():
            raise NotFoundError(f"no preview {name!r}")
    return _cached_file(request, path, await asyncio.to_thread(sha256_of, path), MEDIA_TYPE)


@router.head("/{ref:path}", include_in_schema=False)
@router.get(
    "/{ref:path}",
    summary="Download an asset file (Range, ETag)",
    response_class=FileResponse,
    responses={206: {"description": "Partial content"}, 304: {"description": "Not modified"}},
)
async def download_file(ref: str, request: Request, store: Store) -> Response:
    """The file with its sniffed type; ETag is its SHA-256; Range requests give 206/416."""
    with http_errors():
        stored = await store.describe(ref)
        path = store.local_path(ref)
    return _cached_file(request, path, stored.sha256, stored.media_type)


def _cached_file(request: Request, path: Path, sha256: str, media_type: str) -> Response:
    """The file, immutable, its ETag the SHA-256 of its bytes (304 when the client has it)."""
    headers = {"etag": f'"{sha256}"', "cache-control": _cache_control(request), **NO_SNIFFING}
    if _etag_matches(request.headers.get("if-none-match"), sha256):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return FileResponse(
        path,
        media_type=media_type,
        headers=headers,
        filename=path.name,
        content_disposition_type="inline",
    )


def _cache_control(request: Request) -> str:
    """Immutable files, kept at most until a signed URL's expiry."""
    caller = request.scope.get("state", {}).get("caller")
    expires_at = getattr(caller, "expires_at", None)
    if expires_at is None:
        return IMMUTABLE
    return f"private, max-age={max(0, expires_at - int(time.time()))}"


def _refuse_declared_oversize(request: Request, max_bytes: int) -> None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FileTooLargeError(f"the file is larger than the limit of {max_bytes} bytes")


def _etag_matches(if_none_match: str | None, sha256: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in if_none_match.split(",")}
    return "*" in tags or sha256 in tags
