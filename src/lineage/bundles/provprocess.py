"""The PROV-JSON document of an export, written by a second process while the graph is read.

Building the PROV records costs the exporter more than writing the graph's lines
(about three fifths of its work on a 100k-asset project), so the exporter hands
every buffer of lines it writes (`graph/nodes.jsonl`, `graph/edges.jsonl`) to a
child process (`python -m lineage.bundles.provchild FOLDER TARGET`) through a
pipe, and that process turns them into the document with `ProvWriter`, on the
other core. The frames on the pipe: a tag (`N` nodes, `E` edges), the length of the
lines (4 bytes, big-endian), the lines. At the end of its input the child writes
the document to TARGET and prints its SHA-256 and size as JSON. The lines of each
member arrive in their order, which is all the document depends on (its sections
hold nodes and edges apart; an edge's name counts the edges in bundle order).
"""

from __future__ import annotations

import contextlib
import fcntl
import subprocess
import sys
from pathlib import Path
from typing import IO

from lineage.bundles import provchild
from lineage.bundles.models import MemberDigest
from lineage.errors import LineageError

PIPE_BYTES = 1024 * 1024  # a buffer of lines goes in without waiting for the child to read


class ProvProcess:
    """The child that writes the document: `add_nodes`/`add_edges` then `finish`
    (its digest), `close` in any case."""

    def __init__(self, folder: Path, target: Path) -> None:
        command = [sys.executable, "-m", provchild.__name__, str(folder), str(target)]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert self.process.stdin is not None
        self.pipe: IO[bytes] = self.process.stdin
        with contextlib.suppress(OSError):  # a smaller pipe only means more waiting
            fcntl.fcntl(self.pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)

    def add_nodes(self, lines: bytes) -> None:
        self._send(provchild.NODE_LINES, lines)

    def add_edges(self, lines: bytes) -> None:
        self._send(provchild.EDGE_LINES, lines)

    def _send(self, tag: bytes, lines: bytes) -> None:
        try:
            self.pipe.write(tag + len(lines).to_bytes(4, "big"))
            self.pipe.write(lines)
        except BrokenPipeError:
            self.finish()  # raises what the child said, if it said anything
            raise LineageError("the process writing prov.json stopped early") from None

    def finish(self) -> MemberDigest:
        """The document's digest, once the child has written it."""
        printed, complaint = self.process.communicate()  # closes the pipe: the end
        if self.process.returncode != 0:
            raise LineageError(f"writing prov.json failed: {complaint.decode()[-2000:]}")
        return MemberDigest.model_validate_json(printed)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
