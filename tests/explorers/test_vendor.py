"""The pinned browser files: a tarball that is not the pinned one is refused, and the
app serves the pinned files (only them) to anyone while the developer pages are on."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import httpx
import pytest

from lineage.explorers.vendor import (
    Package,
    WebAssetsError,
    integrity_of,
    pinned,
    unpack_checked,
)
from tests.live_server import LiveServer


def tarball(folder: Path, content: bytes) -> Path:
    path = folder / "react.tgz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("package/umd/react.production.min.js")
        info.size = len(content)
        archive.addfile(info, io.BytesIO(content))
    return path


def test_a_tarball_is_unpacked_only_when_its_integrity_is_the_pinned_one(tmp_path: Path) -> None:
    good = tarball(tmp_path, b"window.React = {};")
    files = ("umd/react.production.min.js",)
    unpack_checked(Package("react", "1.0.0", integrity_of(good), files), good, tmp_path / "web")
    assert (tmp_path / "web/react@1.0.0/umd/react.production.min.js").read_bytes() == (
        b"window.React = {};"
    )
    tampered = Package("react", "2.0.0", pinned()["react"].integrity, files)
    with pytest.raises(WebAssetsError, match="not the pinned sha512-"):
        unpack_checked(tampered, good, tmp_path / "web")
    assert not (tmp_path / "web/react@2.0.0").exists()


async def test_the_pinned_files_are_served_without_a_key(
    live_server: LiveServer, web_assets: Path
) -> None:
    react = pinned()["react"]
    async with httpx.AsyncClient(base_url=live_server.url) as anonymous:
        served = await anonymous.get(react.url("umd/react.production.min.js"))
        assert served.status_code == 200
        assert served.headers["cache-control"] == "public, max-age=31536000, immutable"
        installed = web_assets / react.spec / "umd/react.production.min.js"
        assert served.content == installed.read_bytes()
        for other in ("/_vendor/vendor.json", "/_vendor/react@18.3.1/package.json"):
            assert (await anonymous.get(other)).status_code == 404, other
