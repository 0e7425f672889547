"""`collect_garbage`: catalog files no asset names, removed once older than a grace period.

A write refused after its bytes were stored (a reason that arose between the checks
of `lineage.assets.precheck` and the write), or a process killed between storing and
recording, leaves a file no asset names. `lineage verify --gc` lists every file of the
catalog, every ref the graph names (`cypher/files/list_named_refs_page`), and removes
the files named by none that were stored, or last found again by their hash, longer
than `grace_seconds` ago (a day by default): a request that stored a file a moment ago
has not recorded it yet. The report lists each removed file with its size. Then the
derived files (previews, waveforms: `lineage.files.derived`) whose original's bytes the
catalog no longer holds go too; they are counted, not listed.
"""

from __future__ import annotations

import time

from lineage.db.store import Store
from lineage.files.derived import Derivatives
from lineage.files.models import URL_PREFIX
from lineage.files.store import LocalFileStore
from lineage.models import Model

PAGE_SIZE = 5000
DEFAULT_GRACE_SECONDS = 24 * 3600.0


class RemovedFile(Model):
    ref: str
    size_bytes: int
    age_seconds: float


class GarbageReport(Model):
    """What one `collect_garbage` run removed, and what it left for being too young."""

    removed: list[RemovedFile]
    bytes_removed: int
    unnamed_within_grace: int
    grace_seconds: float
    derived_removed: int = 0
    derived_bytes_removed: int = 0


async def collect_garbage(
    store: Store, files: LocalFileStore, grace_seconds: float = DEFAULT_GRACE_SECONDS
) -> GarbageReport:
    """Remove the catalog files no asset names, stored over `grace_seconds` ago."""
    named = await _named_refs(store)
    cutoff = time.time() - grace_seconds
    removed, young = list[RemovedFile](), 0
    for stored in files.list_stored():
        if stored.ref in named:
            continue
        if stored.modified_at > cutoff:
            young += 1
            continue
        if files.remove_unnamed(stored.ref, cutoff):
            age = round(time.time() - stored.modified_at, 1)
            removed.append(
                RemovedFile(ref=stored.ref, size_bytes=stored.size_bytes, age_seconds=age)
            )
    derived = Derivatives(files).remove_orphaned()
    return GarbageReport(
        removed=removed,
        bytes_removed=sum(item.size_bytes for item in removed),
        unnamed_within_grace=young,
        grace_seconds=grace_seconds,
        derived_removed=len(derived),
        derived_bytes_removed=sum(entry.size_bytes for entry in derived),
    )


async def _named_refs(store: Store) -> set[str]:
    named: set[str] = set()
    after, prefix = "", f"{URL_PREFIX}/"
    while True:
        page = await store.read(
            "files/list_named_refs_page", after=after, limit=PAGE_SIZE, urlPrefix=prefix
        )
        for row in page:
            named.add(row["fileRef"] or row["url"].removeprefix(prefix))
        if len(page) < PAGE_SIZE:
            return named
        after = page[-1]["id"]
