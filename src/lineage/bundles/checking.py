"""The first pass of an import: every byte of the bundle checked, nothing written.

Reads the tar once: every file hashed against its name (two threads reading the
tar file at the file's offset while the main thread goes on: the files are most
of the bytes), the graph members hashed and spooled to a temporary folder, the
manifest (its format version) last (first in a version 1 bundle); then the graph
members' hashes checked against the manifest, and every node and edge line (kinds,
labels, edge types, property values, file references, counts), while the files
are still being hashed; every file's hash is in before the check ends. Whatever is wrong is an
`InvalidBundleError` naming it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson
from pydantic import ValidationError

from lineage.bundles.copying import Identity, identify
from lineage.bundles.errors import InvalidBundleError
from lineage.bundles.models import (
    EDGES,
    FILES_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_FIRST_VERSION,
    NODES,
    PROV,
    Manifest,
    MemberDigest,
)
from lineage.bundles.tarstream import CHUNK, members, read_all
from lineage.errors import LineageError
from lineage.files.layout import parse_ref
from lineage.files.models import AssetType, FileClaim
from lineage.legacy.storing import Progress

LABELS = {
    "Project": [{"Project"}],
    "Asset": [{"Asset"}],
    "Workflow": [{"Workflow"}],
    "Prompt": [{"Prompt", "HumanPrompt"}, {"Prompt", "MachinePrompt"}, {"Prompt"}],
}
EDGE_TYPES = frozenset({"PART_OF", "GENERATED_FROM", "USES_FRAME", "REGENERATES"})
SCALARS = (str, int, float, bool)
ASSET_TYPES = frozenset(t.value for t in AssetType)
HASHERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bundle-check-hash")
Key = tuple[str, str]


@dataclass
class CheckedBundle:
    """A bundle that passed every check: its manifest, its spooled graph members, its
    files (hash -> size) and the claim each file is stored under."""

    manifest: Manifest
    folder: Path
    identity: Identity
    files: dict[str, int] = field(default_factory=dict)
    offsets: dict[str, int] = field(default_factory=dict)  # hash -> where its bytes start
    claims: dict[str, FileClaim] = field(default_factory=dict)
    references: set[Key] = field(default_factory=set)

    def lines(self, name: str) -> Iterator[dict[str, Any]]:
        with (self.folder / name.replace("/", "_")).open("rb") as reader:
            for number, line in enumerate(reader, 1):
                try:
                    yield orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    raise InvalidBundleError(f"{name} line {number} is not JSON: {exc}") from exc


def check_bundle(stream: IO[bytes], folder: Path, progress: Progress) -> CheckedBundle:
    """The bundle read from `stream` (a tar file from its start), every byte checked;
    its identity taken first, so the files can be copied later from the same bytes."""
    identity = identify(stream)
    hashing: dict[str, Future[int]] = {}
    try:
        return _checked(stream, folder, progress, identity, hashing)
    finally:  # a refused bundle: no thread goes on reading the tar file once it is closed
        for job in hashing.values():
            job.cancel()
        wait(hashing.values())


def _checked(
    stream: IO[bytes],
    folder: Path,
    progress: Progress,
    identity: Identity,
    hashing: dict[str, Future[int]],
) -> CheckedBundle:
    manifest: Manifest | None = None
    offsets: dict[str, int] = {}
    spooled: dict[str, MemberDigest] = {}
    seen: set[str] = set()
    for name, offset, size, reader in members(stream):
        if name in seen:
            raise InvalidBundleError(f"bundle member {name} appears twice")
        if manifest is not None and manifest.format_version > MANIFEST_FIRST_VERSION:
            raise InvalidBundleError(f"{name} follows {MANIFEST}, which ends a bundle")
        if name == MANIFEST:
            manifest = _manifest(reader, first=not seen)
        elif name.startswith(FILES_PREFIX):
            sha = name.removeprefix(FILES_PREFIX)
            job = HASHERS.submit(_check_file, stream.fileno(), name, offset, size, progress)
            hashing[sha] = job
            offsets[sha] = offset
        else:
            spooled[name] = _spool_member(name, reader, folder, progress)
        seen.add(name)
    missing = {NODES, EDGES, PROV, MANIFEST} - seen
    if missing:
        raise InvalidBundleError(f"the bundle ends early: no {', '.join(sorted(missing))}")
    assert manifest is not None
    for name, found in spooled.items():
        _check_digest(name, found, manifest)
    checked = CheckedBundle(manifest, folder, identity, {}, offsets)
    _check_graph(checked, hashing)
    return checked


def _manifest(reader: IO[bytes], first: bool) -> Manifest:
    """The manifest, of a version this Lineage reads, where that version puts it."""
    try:
        data = orjson.loads(b"".join(read_all(reader, MANIFEST)))
    except orjson.JSONDecodeError as exc:
        raise InvalidBundleError(f"{MANIFEST} is not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidBundleError(f"{MANIFEST} does not describe a {FORMAT}")
    version = data.get("formatVersion")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InvalidBundleError(
            f"the bundle's format version {version!r} is newer than this Lineage reads "
            f"({FORMAT_VERSION}); upgrade Lineage to import it"
        )
    if version <= MANIFEST_FIRST_VERSION and not first:
        raise InvalidBundleError(f"a bundle of format version {version} starts with {MANIFEST}")
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        raise InvalidBundleError(f"{MANIFEST} is malformed: {exc.errors()[0]['msg']}") from exc


def _check_file(descriptor: int, name: str, offset: int, size: int, progress: Progress) -> int:
    """The file's size, once its bytes (`size` from `offset` in the tar file) proved to
    have the hash it is named by: read into one buffer and hashed, both without the
    interpreter's lock."""
    digest, done = hashlib.sha256(), 0
    buffer = memoryview(bytearray(CHUNK))
    while done < size:
        got = os.preadv(descriptor, [buffer[: min(CHUNK, size - done)]], offset + done)
        if got == 0:
            raise InvalidBundleError(f"bundle member {name} is truncated")
        digest.update(buffer[:got])
        done += got
        progress.advance(got)
    if digest.hexdigest() != name.removeprefix(FILES_PREFIX):
        raise InvalidBundleError(f"{name}: its bytes have SHA-256 {digest.hexdigest()}")
    return size


def _spool_member(name: str, reader: IO[bytes], folder: Path, progress: Progress) -> MemberDigest:
    """A graph member spooled to `folder`; its hash and size."""
    digest, size = hashlib.sha256(), 0
    with (folder / name.replace("/", "_")).open("wb") as spool:
        for chunk in read_all(reader, name):
            digest.update(chunk)
            size += len(chunk)
            spool.write(chunk)
            progress.advance(len(chunk))
    return MemberDigest(sha256=digest.hexdigest(), bytes=size)


def _check_digest(name: str, found: MemberDigest, manifest: Manifest) -> None:
    expected = manifest.members.get(name)
    if expected is None:
        raise InvalidBundleError(f"{MANIFEST} lists no hash for {name}")
    if found != expected:
        raise InvalidBundleError(
            f"{name}: SHA-256 {found.sha256} ({found.bytes} bytes), but {MANIFEST} says "
            f"{expected.sha256} ({expected.bytes} bytes)"
        )


def _check_graph(checked: CheckedBundle, hashing: dict[str, Future[int]]) -> None:
    keys: set[Key] = set()
    counts = dict.fromkeys(("Project", "Asset", "Prompt", "Workflow", "references"), 0)
    for number, line in enumerate(checked.lines(NODES), 1):
        key = _check_node(line, number)
        if key in keys:
            raise InvalidBundleError(f"{NODES} line {number}: {key[0]} {key[1]!r} appears twice")
        keys.add(key)
        counts["references" if line.get("reference") else key[0]] += 1
        if line.get("reference"):
            checked.references.add(key)
        if key[0] == "Asset" and not line.get("reference"):
            _note_file(line, checked, number)
    edges = sum(
        1 for number, line in enumerate(checked.lines(EDGES), 1) if _check_edge(line, number, keys)
    )
    expected = checked.manifest.counts
    found = counts | {"edges": edges}
    wrong = {k: v for k, v in found.items() if expected.get(k) != v}
    if wrong:
        raise InvalidBundleError(f"the graph does not hold what {MANIFEST} counts: found {wrong}")
    checked.files.update((sha, job.result()) for sha, job in hashing.items())
    _check_files_present(checked)
    _check_scope(checked, keys)


def _check_node(line: Any, number: int) -> Key:
    where = f"{NODES} line {number}"
    if not isinstance(line, dict) or line.get("kind") not in LABELS:
        raise InvalidBundleError(f"{where}: not a node of a known kind")
    kind, node_id, props = line["kind"], line.get("id"), line.get("properties")
    if not isinstance(node_id, str) or not node_id or not isinstance(props, dict):
        raise InvalidBundleError(f"{where}: a node needs an id and properties")
    if not isinstance(line.get("labels"), list) or set(line["labels"]) not in LABELS[kind]:
        raise InvalidBundleError(f"{where}: labels {line.get('labels')!r} are not a {kind}'s")
    if props.get("code" if kind == "Project" else "id") != node_id:
        raise InvalidBundleError(f"{where}: its properties name another {kind}")
    _check_values(props, where)
    return kind, node_id


def _check_values(props: dict[str, Any], where: str) -> None:
    for key, value in props.items():
        plain = isinstance(value, SCALARS) or (
            isinstance(value, list)
            and all(isinstance(v, SCALARS) for v in value)
            and len({type(v) for v in value}) <= 1
        )
        if not plain:
            raise InvalidBundleError(f"{where}: property {key!r} is not a value a node can hold")


def _note_file(line: dict[str, Any], checked: CheckedBundle, number: int) -> None:
    props = line["properties"]
    ref = props.get("fileRef")
    try:
        if ref is not None:
            parse_ref(str(ref))
    except LineageError as exc:
        raise InvalidBundleError(f"{NODES} line {number}: {exc.message}") from exc
    sha = props.get("fileSha256")
    if sha and sha not in checked.claims:
        if props.get("type") not in ASSET_TYPES:
            raise InvalidBundleError(f"{NODES} line {number}: not an asset type")
        asset_type = AssetType(props["type"])
        checked.claims[sha] = FileClaim(asset_type, str(props["provider"]), str(props["model"]))


def _check_edge(line: Any, number: int, keys: set[Key]) -> bool:
    where = f"{EDGES} line {number}"
    if not isinstance(line, dict) or line.get("type") not in EDGE_TYPES:
        raise InvalidBundleError(f"{where}: not an edge of a known type")
    for end in ("from", "to"):
        if (line.get(f"{end}Kind"), line.get(end)) not in keys:
            raise InvalidBundleError(f"{where}: its {end} end is not a node of the bundle")
    _check_values(line.get("properties") or {}, where)
    return True


def _check_files_present(checked: CheckedBundle) -> None:
    missing = set(checked.manifest.missing_files)
    absent = sorted(
        sha for sha in checked.claims if sha not in checked.files and sha not in missing
    )
    if absent:
        raise InvalidBundleError(
            f"the bundle lacks the file of {len(absent)} asset(s) "
            f"(SHA-256 {absent[0]}, ...): is it truncated?"
        )


def _check_scope(checked: CheckedBundle, keys: set[Key]) -> None:
    scope = checked.manifest.scope
    if scope.project_code and ("Project", scope.project_code) not in keys:
        raise InvalidBundleError(f"the bundle does not hold its project {scope.project_code!r}")
    if scope.asset_id and ("Asset", scope.asset_id) not in keys:
        raise InvalidBundleError(f"the bundle does not hold its asset {scope.asset_id!r}")
