"""Exporting a project (or one asset and its upstream) as a bundle, in two steps.

`prepare_export` reads the graph a batch at a time and spools the graph members
(nodes, edges, PROV-JSON) to a temporary folder, hashing them, and notes every
file once; `tar_chunks` then streams the tar: the manifest, the files (read from
the catalog or the archive, each hash checked as it goes), the graph members.
Memory holds one batch and the keys of the scope, never the files or the lines.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import orjson

from lineage.bundles.errors import InvalidBundleError
from lineage.bundles.filearchive import FileArchive
from lineage.bundles.models import (
    EDGES,
    FILES_PREFIX,
    MANIFEST,
    NODES,
    PROV,
    BundleScope,
    Manifest,
    MemberDigest,
    Reference,
    ScopeKind,
)
from lineage.bundles.provjson import ProvWriter
from lineage.bundles.repository import BundleRepository, Key
from lineage.bundles.tarstream import CHUNK, end_of_archive, header, member_stream, padding
from lineage.db.store import Row, Store
from lineage.errors import NotFoundError
from lineage.files import FileStore
from lineage.legacy.storing import NoProgress, Progress

BATCH = 2_000
TIMES = (
    *("createdAt", "completedAt", "currentSince", "archivedAt"),
    *("revisedAt", "startedAt", "finishedAt", "updatedAt"),
)
EPOCH = "1970-01-01T00:00:00.000Z"


class LineWriter:
    """A spooled graph member: JSON lines written and hashed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.open("wb")
        self.hash = hashlib.sha256()
        self.size = 0
        self.lines = 0

    def write(self, line: dict[str, Any]) -> None:
        data = orjson.dumps(line, option=orjson.OPT_SORT_KEYS) + b"\n"
        self.file.write(data)
        self.hash.update(data)
        self.size += len(data)
        self.lines += 1

    def finish(self) -> MemberDigest:
        self.file.close()
        return MemberDigest(sha256=self.hash.hexdigest(), bytes=self.size)


@dataclass(frozen=True)
class BundleFile:
    sha256: str
    size: int
    path: Path | None  # None: neither in the catalog nor in the archive


@dataclass
class Spooled:
    """What the graph pass found, besides the lines it wrote."""

    keys: set[Key]
    files: dict[str, BundleFile] = field(default_factory=dict)
    outside: dict[Key, str | None] = field(default_factory=dict)
    newest: str = EPOCH


@dataclass
class PreparedExport:
    """A bundle ready to stream: its manifest, its files, its spooled graph members."""

    folder: tempfile.TemporaryDirectory[str]
    manifest: Manifest
    files: list[BundleFile]

    @property
    def mtime(self) -> int:
        return int(
            datetime.fromisoformat(self.manifest.created_at.replace("Z", "+00:00")).timestamp()
        )

    @property
    def size(self) -> int:
        """The tar's length in bytes."""
        sizes = [len(self.manifest_bytes())] + [f.size for f in self.files if f.path]
        sizes += [digest.bytes for digest in self.manifest.members.values()]
        written = sum(512 + s + (-s % 512) for s in sizes)
        return written + len(end_of_archive(written))

    def manifest_bytes(self) -> bytes:
        data = self.manifest.model_dump(by_alias=True, mode="json")
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"

    def member_path(self, name: str) -> Path:
        return Path(self.folder.name) / name.replace("/", "_")

    def close(self) -> None:
        self.folder.cleanup()


class Exporter:
    def __init__(self, store: Store, files: FileStore, archive: FileArchive) -> None:
        self.repository = BundleRepository(store)
        self.files = files
        self.archive = archive

    async def prepare(self, scope: BundleScope, progress: Progress | None = None) -> PreparedExport:
        keys = await self._keys(scope)
        folder = tempfile.TemporaryDirectory(prefix="lineage-export-")
        try:
            return await self._spool(scope, keys, folder, progress or NoProgress())
        except BaseException:
            folder.cleanup()
            raise

    async def _keys(self, scope: BundleScope) -> list[Key]:
        if scope.kind is ScopeKind.UPSTREAM:
            assert scope.asset_id is not None
            keys = await self.repository.upstream_of(scope.asset_id)
            if not keys:
                raise NotFoundError(f"no asset with id {scope.asset_id!r}")
            return keys
        assert scope.project_code is not None
        if await self.repository.find_project(scope.project_code) is None:
            raise NotFoundError(f"no project with code {scope.project_code!r}")
        return await self.repository.project_members(scope.project_code)

    async def _spool(
        self,
        scope: BundleScope,
        keys: list[Key],
        folder: tempfile.TemporaryDirectory[str],
        progress: Progress,
    ) -> PreparedExport:
        root = Path(folder.name)
        nodes, edges = LineWriter(root / "nodes"), LineWriter(root / "edges")
        prov = ProvWriter(root)
        spooled = Spooled(keys=set(keys))
        progress.begin("graph", len(keys))
        try:
            for start in range(0, len(keys), BATCH):
                rows = await self.repository.read_nodes(keys[start : start + BATCH])
                self._write_rows(rows, spooled, nodes, edges, prov)
                progress.advance(len(rows))
            references = await self._write_references(spooled, nodes, prov)
            counts = _counts(keys, len(references), edges.lines)
            node_digest, edge_digest = nodes.finish(), edges.finish()
            with (root / "prov").open("wb") as sink:
                prov.write(sink)
        finally:
            prov.close()
        prepared = PreparedExport(folder, _blank_manifest(), sorted_files(spooled.files))
        nodes.path.rename(prepared.member_path(NODES))
        edges.path.rename(prepared.member_path(EDGES))
        (root / "prov").rename(prepared.member_path(PROV))
        members = {
            NODES: node_digest,
            EDGES: edge_digest,
            PROV: _digest(prepared.member_path(PROV)),
        }
        prepared.manifest = Manifest(
            source_instance=await self.repository.source_instance(),
            scope=scope,
            created_at=spooled.newest,
            counts=counts | _file_counts(prepared.files),
            members=members,
            outside_references=references,
            missing_files=[f.sha256 for f in prepared.files if f.path is None],
        )
        return prepared

    def _write_rows(
        self,
        rows: Sequence[Row],
        spooled: Spooled,
        nodes: LineWriter,
        edges: LineWriter,
        prov: ProvWriter,
    ) -> None:
        for row in rows:
            node = _node_line(row)
            nodes.write(node)
            prov.add_node(node)
            spooled.newest = max([spooled.newest, *_times(row["properties"])])
            self._note_file(row, spooled)
            for edge in row["edges"]:
                line = _edge_line(row, edge)
                edges.write(line)
                prov.add_edge(line)
                target = (edge["toKind"], edge["to"])
                if target not in spooled.keys:
                    spooled.outside.setdefault(target, None)

    async def _write_references(
        self, spooled: Spooled, nodes: LineWriter, prov: ProvWriter
    ) -> list[Reference]:
        keys = sorted(spooled.outside)
        references = []
        for start in range(0, len(keys), BATCH):
            lines = [
                {**_node_line(row), "reference": True}
                for row in await self.repository.read_nodes(keys[start : start + BATCH])
            ]
            for line in lines:
                nodes.write(line)
                prov.add_node(line)
                code = line["properties"].get("projectCode")
                references.append(Reference(kind=line["kind"], id=line["id"], project_code=code))
        return references

    def _note_file(self, row: Row, spooled: Spooled) -> None:
        props = row["properties"]
        sha = props.get("fileSha256")
        if row["kind"] != "Asset" or not sha or sha in spooled.files:
            return
        spooled.files[sha] = BundleFile(
            sha, int(props.get("fileSizeBytes") or 0), self._locate(props)
        )

    def _locate(self, props: dict[str, Any]) -> Path | None:
        """The file's bytes: in the catalog, else in the archive (released), else nowhere."""
        ref = props.get("fileRef")
        if ref:
            path = self.files.local_path(ref)
            if path.is_file():
                return path
        kept = self.archive.file_path(props["fileSha256"])
        return kept if kept.is_file() else None


def sorted_files(files: dict[str, BundleFile]) -> list[BundleFile]:
    """The files in hash order, each with its size on disk (the node's may be absent)."""
    ordered = []
    for sha in sorted(files):
        found = files[sha]
        size = found.path.stat().st_size if found.path else found.size
        ordered.append(BundleFile(sha, size, found.path))
    return ordered


def _node_line(row: Row) -> dict[str, Any]:
    return {
        "kind": row["kind"],
        "id": row["id"],
        "labels": row["labels"],
        "properties": row["properties"],
    }


def _edge_line(row: Row, edge: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": edge["type"],
        "fromKind": row["kind"],
        "from": row["id"],
        "toKind": edge["toKind"],
        "to": edge["to"],
        "properties": edge["properties"],
    }


def _times(properties: dict[str, Any]) -> list[str]:
    return [str(properties[name]) for name in TIMES if properties.get(name)]


def _counts(keys: list[Key], references: int, edges: int) -> dict[str, int]:
    counts = {kind: 0 for kind in ("Project", "Asset", "Prompt", "Workflow")}
    for kind, _ in keys:
        counts[kind] += 1
    return counts | {"references": references, "edges": edges}


def _file_counts(files: list[BundleFile]) -> dict[str, int]:
    present = [f for f in files if f.path is not None]
    return {"files": len(present), "fileBytes": sum(f.size for f in present)}


def _digest(path: Path) -> MemberDigest:
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
    return MemberDigest(sha256=digest.hexdigest(), bytes=path.stat().st_size)


def _blank_manifest() -> Manifest:
    scope = BundleScope(kind=ScopeKind.PROJECT)
    return Manifest(source_instance="", scope=scope, created_at=EPOCH, counts={}, members={})


def tar_chunks(prepared: PreparedExport) -> Iterator[bytes]:
    """The bundle's bytes, in order (a file whose bytes changed stops the stream)."""
    written = 0
    manifest = prepared.manifest_bytes()
    yield header(MANIFEST, len(manifest), prepared.mtime) + manifest + padding(len(manifest))
    written += 512 + len(manifest) + (-len(manifest) % 512)
    for bundle_file in prepared.files:
        if bundle_file.path is None:
            continue
        for chunk in _file_member(bundle_file, prepared.mtime):
            written += len(chunk)
            yield chunk
    for name in (NODES, EDGES, PROV):
        path = prepared.member_path(name)
        with path.open("rb") as reader:
            for chunk in member_stream(name, reader, path.stat().st_size, prepared.mtime):
                written += len(chunk)
                yield chunk
    yield end_of_archive(written)


def _file_member(bundle_file: BundleFile, mtime: int) -> Iterator[bytes]:
    assert bundle_file.path is not None
    digest = hashlib.sha256()
    name = f"{FILES_PREFIX}{bundle_file.sha256}"
    with bundle_file.path.open("rb") as reader:
        yield from member_stream(name, _Hashing(reader, digest), bundle_file.size, mtime)
    if digest.hexdigest() != bundle_file.sha256:
        raise InvalidBundleError(
            f"the catalog's file {bundle_file.path.name} no longer has the bytes recorded "
            f"(SHA-256 {bundle_file.sha256}); run `lineage verify`"
        )


class _Hashing:
    """A reader that hashes what it hands out."""

    def __init__(self, reader: IO[bytes], digest: Any) -> None:
        self.reader, self.digest = reader, digest

    def read(self, size: int) -> bytes:
        chunk = self.reader.read(size)
        self.digest.update(chunk)
        return chunk
