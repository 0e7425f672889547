"""Bulk work in Python: hundreds of thousands of small objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused (then restored) around bulk work.

    Planning an import, or turning a full orphan recomputation into statuses, makes
    several objects per record and no reference cycles, but each allocation burst
    triggers collections that walk the whole growing heap: on 100k records that cost
    a fifth to a third of the time.
    Memory is still freed by reference counting while paused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
