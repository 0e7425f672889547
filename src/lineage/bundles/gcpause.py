"""The cyclic garbage collector paused while an export unpacks the graph's pages.

The driver builds each page of 1,000 nodes as about a hundred thousand dicts,
lists and strings; every 700 of them start a collection that walks the young
objects, and the page survives into the older generations, which are walked
again. None of it is cyclic (rows are trees, freed by their reference counts),
so those walks find nothing: they took a third of the main thread's time in the
graph pass of a 100k-asset export. While any export reads (exports may run side
by side in the server), the collector is off; the last one to finish turns it back
on, unless it was off before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pause:
    """How many readers hold the collector off, and whether it was on before them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders = 0
        self.was_enabled = False

    def hold(self) -> None:
        with self.lock:
            if self.holders == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.holders += 1

    def release(self) -> None:
        with self.lock:
            self.holders -= 1
            if self.holders == 0 and self.was_enabled:
                gc.enable()


_pause = _Pause()


@contextmanager
def collection_paused() -> Iterator[None]:
    _pause.hold()
    try:
        yield
    finally:
        _pause.release()
