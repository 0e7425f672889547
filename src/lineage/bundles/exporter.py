"""Exporting a project (or one asset and its upstream) as a bundle, in two steps.

`Exporter.prepare` reads the graph a page at a time and spools the graph members
(nodes, edges, PROV-JSON) to a temporary folder, hashing them, and notes every
file once; `tar_chunks` then streams the tar: the manifest, the files (read from
the catalog or the archive, each hash checked as it goes), the graph members.
A project is read by one streamed statement, a page of nodes a row (a row per
node cost more in the driver than the rest of the export); an upstream scope
is read by its keys. Memory holds a few pages, the files' hashes, the outside
references (and an upstream scope's keys), never the files or the lines.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
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
    KINDS,
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
PAGE = 1_000  # nodes a streamed row of a project's export carries
TIMES = (
    *("createdAt", "completedAt", "currentSince", "archivedAt"),
    *("revisedAt", "startedAt", "finishedAt", "updatedAt"),
)
EPOCH = "1970-01-01T00:00:00.000Z"
LINE = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
FLUSH = 1024 * 1024


class LineWriter:
    """A spooled graph member: JSON lines written and hashed, a buffer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.open("wb")
        self.buffer = bytearray()
        self.hash = hashlib.sha256()
        self.size = 0
        self.lines = 0

    def write(self, line: dict[str, Any]) -> None:
        self.buffer += orjson.dumps(line, option=LINE)
        self.lines += 1
        if len(self.buffer) >= FLUSH:
            self._flush()

    def _flush(self) -> None:
        self.file.write(self.buffer)
        self.hash.update(self.buffer)
        self.size += len(self.buffer)
        self.buffer.clear()

    def finish(self) -> MemberDigest:
        self._flush()
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

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    files: dict[str, BundleFile] = field(default_factory=dict)
    outside: dict[Key, str | None] = field(default_factory=dict)
    newest: str = EPOCH


@dataclass
class GraphSource:
    """Where the graph pass reads a scope: how many nodes, their rows a page at a time
    (in bundle order), and whether an edge ends inside the scope."""

    total: int
    pages: AsyncIterator[Sequence[Row]]
    is_inside: Callable[[Row], bool]


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
        source = await self._source(scope)
        folder = tempfile.TemporaryDirectory(prefix="lineage-export-")
        try:
            return await self._spool(scope, source, folder, progress or NoProgress())
        except BaseException:
            folder.cleanup()
            raise

    async def _source(self, scope: BundleScope) -> GraphSource:
        if scope.kind is ScopeKind.UPSTREAM:
            assert scope.asset_id is not None
            keys = await self.repository.upstream_of(scope.asset_id)
            if not keys:
                raise NotFoundError(f"no asset with id {scope.asset_id!r}")
            inside = set(keys)
            return GraphSource(
                len(keys), self._keyed_pages(keys), lambda e: (e["toKind"], e["to"]) in inside
            )
        code = scope.project_code
        assert code is not None
        if await self.repository.find_project(code) is None:
            raise NotFoundError(f"no project with code {code!r}")
        total = 1 + await self.repository.count_members(code)
        return GraphSource(total, self._project_pages(code), lambda e: bool(e.get("inside")))

    async def _keyed_pages(self, keys: list[Key]) -> AsyncIterator[Sequence[Row]]:
        for start in range(0, len(keys), BATCH):
            yield await self.repository.read_nodes(keys[start : start + BATCH])

    async def _project_pages(self, code: str) -> AsyncIterator[Sequence[Row]]:
        """The project's node, then its members by kind and id."""
        yield await self.repository.read_nodes([("Project", code)])
        async for page in self.repository.project_pages(code, PAGE):
            yield page

    async def _spool(
        self,
        scope: BundleScope,
        source: GraphSource,
        folder: tempfile.TemporaryDirectory[str],
        progress: Progress,
    ) -> PreparedExport:
        root = Path(folder.name)
        nodes, edges = LineWriter(root / "nodes"), LineWriter(root / "edges")
        prov = ProvWriter(root)
        spooled = Spooled()
        progress.begin("graph", source.total)
        try:
            async for rows in source.pages:
                self._write_rows(rows, spooled, source.is_inside, (nodes, edges, prov))
                progress.advance(len(rows))
            references = await self._write_references(
                spooled, scope, source.is_inside, (nodes, edges, prov)
            )
            counts = spooled.counts | {"references": len(references), "edges": edges.lines}
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
        is_inside: Callable[[Row], bool],
        writers: tuple[LineWriter, LineWriter, ProvWriter],
    ) -> None:
        nodes, edges, prov = writers
        for row in rows:
            node = _node_line(row)
            nodes.write(node)
            prov.add_node(node)
            spooled.counts[row["kind"]] += 1
            spooled.newest = max([spooled.newest, *_times(row["properties"])])
            self._note_file(row, spooled)
            for edge in row["edges"]:
                line = _edge_line(row, edge)
                edges.write(line)
                prov.add_edge(line)
                if not is_inside(edge):
                    spooled.outside.setdefault((edge["toKind"], edge["to"]), None)

    async def _write_references(
        self,
        spooled: Spooled,
        scope: BundleScope,
        is_inside: Callable[[Row], bool],
        writers: tuple[LineWriter, LineWriter, ProvWriter],
    ) -> list[Reference]:
        """The nodes outside the scope that its nodes point at, and everything those
        were built from (any depth), with the edges between them and into the scope:
        lineage through another project's asset stays whole."""
        nodes, edges, prov = writers
        keys, known = await self._outside(spooled, scope, is_inside)
        references = []
        for start in range(0, len(keys), BATCH):
            for row in await self.repository.read_nodes(keys[start : start + BATCH]):
                line = {**_node_line(row), "reference": True}
                nodes.write(line)
                prov.add_node(line)
                code = line["properties"].get("projectCode")
                references.append(Reference(kind=line["kind"], id=line["id"], project_code=code))
                for edge in row["edges"]:
                    if (edge["toKind"], edge["to"]) in known:
                        edges.write(_edge_line(row, edge))
                        prov.add_edge(_edge_line(row, edge))
        return references

    async def _outside(
        self, spooled: Spooled, scope: BundleScope, is_inside: Callable[[Row], bool]
    ) -> tuple[list[Key], set[Key]]:
        """The outside references with what they were built from (sorted), and every
        node their edges may end at in the bundle (those and the scope's they reach)."""
        outside = set(spooled.outside)
        code = scope.project_code if scope.kind is ScopeKind.PROJECT else None
        upstream = await self.repository.upstream_outside(sorted(outside), code)
        for kind, node_id, inside in upstream:
            if not is_inside({"toKind": kind, "to": node_id, "inside": inside}):
                outside.add((kind, node_id))
        return sorted(outside), outside | {(kind, node_id) for kind, node_id, _ in upstream}

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
