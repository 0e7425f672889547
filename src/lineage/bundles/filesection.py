"""The bundle's `files/` members written while the graph is still read (an export to a file).

A bundle's files come first (since format version 2), in the order the graph first
names them, so an export into a file need not wait for the graph: as the graph
pass hands over each file's hashing, a thread takes the hashed files in that
order and appends each member (header, bytes copied by the kernel, padding) to
the bundle file. The headers carry the bundle's one time, which only the end of
the graph pass knows: they are written with time 0 and rewritten in place by
`finish`. The bundle file is a partial file until the export ends whole, so a
file whose bytes are not the recorded ones still leaves no bundle behind.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future
from queue import SimpleQueue

from lineage.bundles.filecheck import HashedFile, copy_into, write_all
from lineage.bundles.models import FILES_PREFIX
from lineage.bundles.tarstream import header, member_bytes, padding


class FileSection:
    """Appends each added file's member to the open file `sink` once it is hashed, in
    the order added; `finish` gives the section's length, `close` stops it in any case."""

    def __init__(self, sink: int) -> None:
        self.sink = sink
        self.queue: SimpleQueue[Future[HashedFile] | None] = SimpleQueue()
        self.headers: list[tuple[int, HashedFile]] = []  # where each member's header is
        self.written = 0
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="export-files", daemon=True)
        self.thread.start()

    def add(self, hashing: Future[HashedFile]) -> None:
        self.queue.put(hashing)

    def _run(self) -> None:
        try:
            while (hashing := self.queue.get()) is not None:
                self._append(hashing.result())
        except BaseException as exc:  # handed to the exporter by `finish`
            self.failure = exc

    def _append(self, hashed: HashedFile) -> None:
        self.headers.append((self.written, hashed))
        write_all(self.sink, header(_name(hashed), hashed.size, 0))
        copy_into(hashed, self.sink)
        write_all(self.sink, padding(hashed.size))
        self.written += member_bytes(hashed.size)

    def finish(self, mtime: int) -> int:
        """The bytes of the section, once every file is in, headers stamped with `mtime`."""
        self.close()
        if self.failure is not None:
            raise self.failure
        for offset, hashed in self.headers:
            os.pwrite(self.sink, header(_name(hashed), hashed.size, mtime), offset)
        return self.written

    def close(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()


def _name(hashed: HashedFile) -> str:
    return f"{FILES_PREFIX}{hashed.sha256}"
