"""Exporting a project (or one asset and its upstream) as a bundle, in two steps.

`Exporter.prepare` reads the graph a page at a time and spools the graph members
(nodes, edges) to a temporary folder, hashing them; a child process writes the
PROV-JSON from the same lines meanwhile (`provprocess.py`), and threads hash
every file once as the graph names it (`filecheck.py`), all on the other core.
An export into a file also writes the bundle's files meanwhile, each once hashed
(`filesection.py`). `write_tar` (into a file) and `tar_chunks` (a stream) then
give the rest of the tar: the files (from the catalog or the archive, checked
unchanged since hashed) unless written already, the graph members, the manifest
last. A project is read by one streamed statement, a page
of nodes a row (a row per node cost more in the driver than the rest of the
export); an upstream scope is read by its keys. Memory holds a few pages, the
files' hashes, the outside references (and an upstream scope's keys), never the
files or the lines.
"""

from __future__ import annotations

import asyncio
import hashlib
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from lineage.bundles.filearchive import FileArchive
from lineage.bundles.filecheck import (
    FileHasher,
    HashedFile,
    copy_into,
    identify,
    read_chunks,
    write_all,
)
from lineage.bundles.filesection import FileSection
from lineage.bundles.gcpause import collection_paused
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
from lineage.bundles.provprocess import ProvProcess
from lineage.bundles.repository import BundleRepository, Key
from lineage.bundles.tarstream import end_of_archive, header, member_bytes, padding
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
    """A spooled graph member: JSON lines written and hashed, a buffer at a time (each
    buffer also handed to `forward`)."""

    def __init__(self, path: Path, forward: Callable[[bytes], None]) -> None:
        self.path = path
        self.forward = forward
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
        if not self.buffer:
            return
        self.forward(bytes(self.buffer))
        self.file.write(self.buffer)
        self.hash.update(self.buffer)
        self.size += len(self.buffer)
        self.buffer.clear()

    def finish(self) -> MemberDigest:
        self._flush()
        self.file.close()
        return MemberDigest(sha256=self.hash.hexdigest(), bytes=self.size)


@dataclass
class Spooled:
    """What the graph pass found, besides the lines it wrote."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    files: dict[str, Path | None] = field(default_factory=dict)  # None: nowhere to be found
    hasher: FileHasher = field(default_factory=FileHasher)
    section: FileSection | None = None  # an export into a file: its files written meanwhile
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
    """A bundle ready to stream: its manifest, its files (hashed, in the order the graph
    names them), its spooled graph members, and the bytes of its files written already
    (an export into a file writes them while the graph is read; 0 otherwise)."""

    folder: tempfile.TemporaryDirectory[str]
    manifest: Manifest
    files: list[HashedFile]
    files_written: int = 0

    @property
    def mtime(self) -> int:
        return int(
            datetime.fromisoformat(self.manifest.created_at.replace("Z", "+00:00")).timestamp()
        )

    @property
    def size(self) -> int:
        """The tar's length in bytes."""
        sizes = [f.size for f in self.files] + [len(self.manifest_bytes())]
        sizes += [digest.bytes for digest in self.manifest.members.values()]
        written = sum(member_bytes(s) for s in sizes)
        return written + len(end_of_archive(written))

    def manifest_bytes(self) -> bytes:
        data = self.manifest.model_dump(by_alias=True, mode="json")
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"

    def member_path(self, name: str) -> Path:
        return Path(self.folder.name) / name.replace("/", "_")

    def members(self) -> list[tuple[str, HashedFile]]:
        """The members still to write but the manifest, by name, in bundle order: the
        files (unless written already), then the graph members."""
        files = [] if self.files_written else [(f"{FILES_PREFIX}{f.sha256}", f) for f in self.files]
        graph = [
            (name, identify(self.manifest.members[name].sha256, self.member_path(name)))
            for name in (NODES, EDGES, PROV)
        ]
        return files + graph

    def close(self) -> None:
        self.folder.cleanup()


class Exporter:
    def __init__(self, store: Store, files: FileStore, archive: FileArchive) -> None:
        self.repository = BundleRepository(store)
        self.files = files
        self.archive = archive

    async def prepare(
        self, scope: BundleScope, progress: Progress | None = None, sink: int | None = None
    ) -> PreparedExport:
        """The bundle ready to stream; with `sink` (an open file at its start), its files
        written into it meanwhile."""
        source = await self._source(scope)
        folder = tempfile.TemporaryDirectory(prefix="lineage-export-")
        spooled = Spooled(section=None if sink is None else FileSection(sink))
        try:
            return await self._spool(scope, source, folder, spooled, progress or NoProgress())
        except BaseException:
            folder.cleanup()
            if spooled.section is not None:
                spooled.section.close()
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
        spooled: Spooled,
        progress: Progress,
    ) -> PreparedExport:
        root = Path(folder.name)
        prepared = PreparedExport(folder, _blank_manifest(), [])
        prov = ProvProcess(root, prepared.member_path(PROV))
        nodes = LineWriter(prepared.member_path(NODES), prov.add_nodes)
        edges = LineWriter(prepared.member_path(EDGES), prov.add_edges)
        progress.begin("graph", source.total)
        try:
            with collection_paused():
                async for rows in source.pages:
                    self._write_rows(rows, spooled, source.is_inside, (nodes, edges))
                    progress.advance(len(rows))
            references = await self._write_references(
                spooled, scope, source.is_inside, (nodes, edges)
            )
            counts = spooled.counts | {"references": len(references), "edges": edges.lines}
            members = {NODES: nodes.finish(), EDGES: edges.finish()}
            members[PROV] = await asyncio.to_thread(prov.finish)
            hashed = await asyncio.to_thread(spooled.hasher.finish)
        finally:
            prov.close()
            spooled.hasher.close()
        prepared.files = list(hashed.values())
        prepared.manifest = Manifest(
            source_instance=await self.repository.source_instance(),
            scope=scope,
            created_at=spooled.newest,
            counts=counts | _file_counts(prepared.files),
            members=members,
            outside_references=references,
            missing_files=sorted(sha for sha, path in spooled.files.items() if path is None),
        )
        if spooled.section is not None:
            prepared.files_written = await asyncio.to_thread(spooled.section.finish, prepared.mtime)
        return prepared

    def _write_rows(
        self,
        rows: Sequence[Row],
        spooled: Spooled,
        is_inside: Callable[[Row], bool],
        writers: tuple[LineWriter, LineWriter],
    ) -> None:
        nodes, edges = writers
        for row in rows:
            nodes.write(_node_line(row))
            spooled.counts[row["kind"]] += 1
            spooled.newest = _newest(row["properties"], spooled.newest)
            self._note_file(row, spooled)
            for edge in row["edges"]:
                edges.write(_edge_line(row, edge))
                if not is_inside(edge):
                    spooled.outside.setdefault((edge["toKind"], edge["to"]), None)

    async def _write_references(
        self,
        spooled: Spooled,
        scope: BundleScope,
        is_inside: Callable[[Row], bool],
        writers: tuple[LineWriter, LineWriter],
    ) -> list[Reference]:
        """The nodes outside the scope that its nodes point at, and everything those
        were built from (any depth), with the edges between them and into the scope:
        lineage through another project's asset stays whole."""
        nodes, edges = writers
        keys, known = await self._outside(spooled, scope, is_inside)
        references = []
        for start in range(0, len(keys), BATCH):
            for row in await self.repository.read_nodes(keys[start : start + BATCH]):
                line = {**_node_line(row), "reference": True}
                nodes.write(line)
                code = line["properties"].get("projectCode")
                references.append(Reference(kind=line["kind"], id=line["id"], project_code=code))
                for edge in row["edges"]:
                    if (edge["toKind"], edge["to"]) in known:
                        edges.write(_edge_line(row, edge))
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
        path = spooled.files[sha] = self._locate(props)
        if path is not None:
            hashing = spooled.hasher.add(sha, path)
            if spooled.section is not None:
                spooled.section.add(hashing)

    def _locate(self, props: dict[str, Any]) -> Path | None:
        """The file's bytes: in the catalog, else in the archive (released), else nowhere."""
        ref = props.get("fileRef")
        if ref:
            path = self.files.local_path(ref)
            if path.is_file():
                return path
        kept = self.archive.file_path(props["fileSha256"])
        return kept if kept.is_file() else None


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


def _newest(properties: dict[str, Any], newest: str) -> str:
    """The newest of `newest` and the node's times."""
    for name in TIMES:
        value = properties.get(name)
        if value and str(value) > newest:
            newest = str(value)
    return newest


def _file_counts(files: list[HashedFile]) -> dict[str, int]:
    return {"files": len(files), "fileBytes": sum(f.size for f in files)}


def _blank_manifest() -> Manifest:
    scope = BundleScope(kind=ScopeKind.PROJECT)
    return Manifest(source_instance="", scope=scope, created_at=EPOCH, counts={}, members={})


def tar_pieces(prepared: PreparedExport) -> Iterator[bytes | HashedFile]:
    """The bundle in order, after the files written already: bytes of headers and
    padding, and the files whose bytes follow them (each checked unchanged as it is
    taken), the manifest last."""
    written = prepared.files_written
    for name, member in prepared.members():
        yield header(name, member.size, prepared.mtime)
        yield member
        yield padding(member.size)
        written += member_bytes(member.size)
    manifest = prepared.manifest_bytes()
    yield header(MANIFEST, len(manifest), prepared.mtime) + manifest + padding(len(manifest))
    yield end_of_archive(written + member_bytes(len(manifest)))


def tar_chunks(prepared: PreparedExport) -> Iterator[bytes]:
    """The bundle's bytes, in order (a file that changed since it was hashed stops the
    stream)."""
    for piece in tar_pieces(prepared):
        if isinstance(piece, bytes):
            yield piece
        else:
            yield from read_chunks(piece)


def write_tar(prepared: PreparedExport, sink: int, progress: Progress) -> None:
    """The rest of the bundle written to the open file `sink` (after the files written
    already), its files copied by the kernel."""
    pending = bytearray()
    for piece in tar_pieces(prepared):
        if isinstance(piece, bytes):
            pending += piece
            continue
        write_all(sink, pending)
        copy_into(piece, sink)
        progress.advance(len(pending) + piece.size)
        pending.clear()
    write_all(sink, pending)
    progress.advance(len(pending))
