"""The pinned browser files of GraphiQL, Swagger UI and ReDoc, served by the app itself.

`vendor.json` pins each npm package by version and by its tarball's sha512 (npm's
`integrity`, as a package-lock.json records it). `install_web_assets` fetches the
tarballs with `npm pack` (the registry's ordinary client), refuses any whose hash
differs, and keeps only the listed files, under `<dest>/<name>@<version>/`. The copy
of `vendor.json` written last marks a complete install: a changed pin fetches again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from lineage.errors import LineageError

STAMP = "vendor.json"
URL_PREFIX = "/_vendor"


class WebAssetsError(LineageError):
    """The browser files cannot be fetched, or a tarball is not the pinned one."""

    code = "WEB_ASSETS"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str
    files: tuple[str, ...]

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    def url(self, file: str) -> str:
        """Where the app serves one of this package's files."""
        return f"{URL_PREFIX}/{self.spec}/{file}"


def manifest_text() -> str:
    return (resources.files("lineage.explorers") / STAMP).read_text()


@cache
def pinned() -> dict[str, Package]:
    """The pinned packages by name."""
    packages = json.loads(manifest_text())["packages"]
    return {
        item["name"]: Package(
            item["name"], item["version"], item["integrity"], tuple(item["files"])
        )
        for item in packages
    }


def is_installed(dest: Path) -> bool:
    stamp = dest / STAMP
    return stamp.is_file() and stamp.read_text() == manifest_text()


def not_installed_page(tool: str) -> str:
    """What a developer page shows until its files are installed."""
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{tool}</title>"
        f"</head><body><h1>{tool}'s files are not installed</h1><p>The service serves "
        f"{tool} itself, from pinned npm packages fetched at install time: run "
        "<code>make install</code> (or <code>lineage web-assets</code>, which needs npm) "
        "and reload this page.</p></body></html>"
    )


def served_file(dest: Path, relative: str) -> Path | None:
    """The installed file behind `/_vendor/<relative>`, or None when it is not a pinned one."""
    for package in pinned().values():
        for file in package.files:
            if relative == f"{package.spec}/{file}":
                found = dest / package.spec / file
                return found if found.is_file() else None
    return None


def install_web_assets(dest: Path) -> bool:
    """Fetch, check and unpack every pinned package into `dest`; False when already there."""
    if is_installed(dest):
        return False
    npm = shutil.which("npm")
    if npm is None:
        raise WebAssetsError(
            "GraphiQL's and the API docs' files come from the npm registry: install npm "
            "(e.g. `apt-get install npm`) and run `lineage web-assets` again"
        )
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="web-assets-", dir=dest) as work:
        tarballs = _pack(npm, Path(work))
        for package in pinned().values():
            if package.spec not in tarballs:
                raise WebAssetsError(f"`npm pack` did not fetch {package.spec}")
            unpack_checked(package, tarballs[package.spec], dest)
    (dest / STAMP).write_text(manifest_text())
    return True


def _pack(npm: str, work: Path) -> dict[str, Path]:
    """Each package's tarball, fetched by `npm pack`, by spec."""
    packages = list(pinned().values())
    command = [npm, "pack", "--json", "--ignore-scripts", "--pack-destination", str(work)]
    result = subprocess.run(
        [*command, *(package.spec for package in packages)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-10:])
        raise WebAssetsError(f"`npm pack` failed (exit {result.returncode}):\n{tail}")
    listed = json.loads(result.stdout)
    return {f"{item['name']}@{item['version']}": work / item["filename"] for item in listed}


def integrity_of(tarball: Path) -> str:
    digest = hashlib.sha512(tarball.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def unpack_checked(package: Package, tarball: Path, dest: Path) -> None:
    """Unpack `package`'s files from `tarball` into `dest` if its integrity is the pinned one."""
    found = integrity_of(tarball)
    if found != package.integrity:
        raise WebAssetsError(
            f"{package.spec}: the tarball's integrity is {found}, "
            f"not the pinned {package.integrity}; nothing was installed"
        )
    target = dest / package.spec
    shutil.rmtree(target, ignore_errors=True)
    with tarfile.open(tarball, "r:gz") as archive:
        for file in package.files:
            member = archive.extractfile(f"package/{file}")
            if member is None:
                raise WebAssetsError(f"{package.spec} has no file {file}")
            path = target / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(member.read())
