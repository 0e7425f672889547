"""Bundles taken apart and put back together with one thing changed, for refusal tests."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable

Members = list[tuple[str, bytes]]


def unpack(bundle: bytes) -> Members:
    with tarfile.open(fileobj=io.BytesIO(bundle)) as tar:
        found = []
        for info in tar:
            reader = tar.extractfile(info)
            assert reader is not None
            found.append((info.name, reader.read()))
        return found


def pack(members: Members) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def manifest_of(members: Members) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(dict(members)["manifest.json"])
    return loaded


def with_manifest(members: Members, change: Callable[[dict[str, object]], None]) -> Members:
    manifest = manifest_of(members)
    change(manifest)
    data = json.dumps(manifest).encode()
    return [(n, data if n == "manifest.json" else d) for n, d in members]


def with_member(members: Members, name: str, data: bytes, *, rehash: bool) -> Members:
    """`name` holding `data` (the manifest's hash of it brought up to date when `rehash`)."""
    changed = [(n, data if n == name else d) for n, d in members]
    if not rehash:
        return changed

    def update(manifest: dict[str, object]) -> None:
        digests = manifest["members"]
        assert isinstance(digests, dict)
        digests[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}

    return with_manifest(changed, update)


def as_version_1(members: Members) -> Members:
    """The same bundle in format version 1's layout: the manifest first, the files in
    hash order, the graph members."""
    manifest = with_manifest(members, lambda m: m.update(formatVersion=1))
    files = sorted((n, d) for n, d in members if n.startswith("files/"))
    graph = [(n, d) for n, d in members if not n.startswith("files/") and n != "manifest.json"]
    return [("manifest.json", dict(manifest)["manifest.json"]), *files, *graph]
