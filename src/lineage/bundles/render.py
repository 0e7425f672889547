"""Progress of exports and imports for people: items while the graph is read or
written, bytes while the tar is written or read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

PHASES = {
    "graph": "Reading the graph",
    "bytes": "Writing the bundle",
    "verify": "Checking the bundle",
    "files": "Storing files",
    "nodes": "Writing nodes",
    "members": "Joining them to the project",
    "edges": "Writing edges",
}
BYTE_PHASES = frozenset({"bytes", "verify", "files"})


class BundleProgressBar:
    """A rich bar on stderr: `begin(phase, total)` then `advance(n)`."""

    def __init__(self, console: Console) -> None:
        name, bar, took = TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()
        self._items = Progress(
            name, bar, MofNCompleteColumn(), took, console=console, transient=True
        )
        self._bytes = Progress(
            name,
            bar,
            DownloadColumn(),
            TransferSpeedColumn(),
            took,
            console=console,
            transient=True,
        )
        self._live: Progress | None = None
        self._task: TaskID | None = None

    def close(self) -> None:
        if self._live is not None:
            self._live.stop()

    def begin(self, phase: str, total: int) -> None:
        if self._live is not None:
            self._live.stop()
        self._live = self._bytes if phase in BYTE_PHASES else self._items
        self._live.start()
        self._task = self._live.add_task(PHASES.get(phase, phase), total=total)

    def advance(self, done: int = 1) -> None:
        if self._live is not None and self._task is not None:
            self._live.advance(self._task, done)


@contextmanager
def progress_bar(console: Console) -> Iterator[BundleProgressBar]:
    """A bar shown for the block, gone afterwards."""
    bar = BundleProgressBar(console)
    try:
        yield bar
    finally:
        bar.close()
