"""The child process that writes an export's PROV-JSON (`provprocess.py` starts it).

`python -m lineage.bundles.provchild FOLDER TARGET` reads frames of graph lines
from its input (a tag, `N` nodes or `E` edges, the length of the lines in 4 bytes,
big-endian, the lines), writes the document to TARGET with `ProvWriter` (its
sections spooled in FOLDER) and prints its SHA-256 and size as JSON. It imports
nothing else of Lineage: it starts while the graph is read, on the same two cores,
and the models and errors the exporter needs cost it a quarter of a CPU second.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

import orjson

from lineage.bundles.provjson import ProvWriter

NODE_LINES, EDGE_LINES = b"N", b"E"
# records encoded in one call: a call per record cost more than its encoding, and a whole
# frame's records at once fall out of the processor's caches (both measured slower)
BATCH = 32


def write_document(source: IO[bytes], folder: Path, target: Path) -> dict[str, str | int]:
    """Read the frames of `source` to its end, then write the document to `target`."""
    writer = ProvWriter(folder)
    try:
        while head := source.read(5):
            lines = source.read(int.from_bytes(head[1:], "big"))
            add = writer.add_nodes if head[:1] == NODE_LINES else writer.add_edges
            for batch in _batches(lines):
                add(batch)
        with target.open("wb") as sink:
            hashing = _HashingSink(sink)
            writer.write(hashing)
        return {"sha256": hashing.digest.hexdigest(), "bytes": hashing.size}
    finally:
        writer.close()


def _batches(lines: bytes) -> Iterator[list[dict[str, Any]]]:
    """The lines parsed one at a time, handed on `BATCH` at a time."""
    parsed = map(orjson.loads, lines.splitlines())
    while batch := list(islice(parsed, BATCH)):
        yield batch


class _HashingSink:
    """A writer that hashes and counts what goes through it."""

    def __init__(self, sink: IO[bytes]) -> None:
        self.sink, self.digest, self.size = sink, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.sink.write(data)


if __name__ == "__main__":  # pragma: no cover - run by the exporter's ProvProcess
    digest = write_document(sys.stdin.buffer, Path(sys.argv[1]), Path(sys.argv[2]))
    sys.stdout.buffer.write(orjson.dumps(digest) + b"\n")
