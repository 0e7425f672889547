"""The studio's page and first-screen module as served, made from the packaged files.

The page is `index.html` with two elements put in its head: `app.css` as a `<style>`, and
the import map of the first screen's bundle (`lineage.web.bundle`: `app.js` and the
modules it imports, one file). Its Content-Security-Policy allows exactly those two
inline elements, by their hashes, and no other inline script or style. All of it is made
again only when one of the files it is made from changes (their modification times are
looked at on each request: eight stats, not a walk of the folder).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from lineage.web.bundle import bundle

# {script} and {style}: the hashes of the page's import map and style sheet
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' {script}; style-src 'self' {style}; "
    "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
PAGE = "index.html"
STYLES = "app.css"
STYLES_MARK = "<!--app.css-->"
IMPORT_MAP_MARK = "<!--import-map-->"


@dataclass(frozen=True)
class Served:
    """The page with its headers, and the first screen's module with its ETag; `stamps`:
    each file it was made from, by its path under `static/`, with its modification time."""

    page: str
    headers: dict[str, str]
    script: bytes
    script_etag: str
    stamps: tuple[tuple[str, int], ...]


@cache
def static_root() -> Traversable:
    return resources.files("lineage.web") / "static"


def served() -> Served:
    """As made from the packaged files as they are now."""
    made = _made()
    if _stamps(module for module, _ in made.stamps) != made.stamps:
        _made.cache_clear()
        made = _made()
    return made


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _stamps(modules: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """Each file's modification time (-1: the file is gone)."""
    root = Path(str(static_root()))
    paths = ((module, root / module) for module in modules)
    return tuple((m, path.stat().st_mtime_ns if path.exists() else -1) for m, path in paths)


@cache
def _made() -> Served:
    root = static_root()
    made = bundle(lambda module: (root / module).read_text())
    stamps = _stamps((PAGE, STYLES, *made.modules))
    sheet = (root / STYLES).read_text()
    if "</style" in sheet.lower():
        raise ValueError("app.css must not contain </style: it goes into the page")
    page = (
        (root / PAGE)
        .read_text()
        .replace(STYLES_MARK, sheet)
        .replace(IMPORT_MAP_MARK, f'<script type="importmap">{made.import_map}</script>')
    )
    policy = CONTENT_SECURITY_POLICY.format(
        script=_hash_source(made.import_map), style=_hash_source(sheet)
    )
    script = made.script.encode()
    headers = {"Cache-Control": "no-store", "Content-Security-Policy": policy}
    return Served(page, headers, script, etag_of(script), stamps)


def _hash_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
