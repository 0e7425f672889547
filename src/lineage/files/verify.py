"""`verify_catalog`: every asset's stored file checked against the store, marked on the graph.

Assets are read in pages of `PAGE_SIZE`, in id order (`cypher/files/list_checkable_page`);
an asset qualifies with a `fileSha256` and a `fileRef` (or a `url` under `/files/`). Each
page's files are hashed concurrently, streamed by `FileStore.verify`, then the page is
marked in one UNWIND write (`cypher/files/record_checks`), with `fileCheckedAt` on each:

    intact    fileMissing: false   fileProblem: null
    missing   fileMissing: true    fileProblem: 'missing'   no file, or a ref the store refuses
    corrupt   fileMissing: true    fileProblem: 'corrupt'   the bytes' SHA-256 changed

Legacy assets marked `fileProblem: 'lost'` (overwritten before the import, never stored)
are neither checked nor changed; the report counts them. The report keeps the ids whose
`fileMissing` flipped (either way), so orphan detection can recompute just those.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from enum import StrEnum
from typing import Any

from pydantic import computed_field

from lineage.db.store import AfterChange, Store
from lineage.errors import LineageError, NotFoundError
from lineage.files.models import URL_PREFIX, FileCheck
from lineage.files.store import FileStore
from lineage.models import Model, utc_timestamp
from lineage.projects.repository import ProjectRepository

PAGE_SIZE = 500
CONCURRENCY = 8
"""Files hashed at once (threads on disk; requests on an object store)."""


class FileProblem(StrEnum):
    MISSING = "missing"
    CORRUPT = "corrupt"


class FileIssue(Model):
    """One asset whose file is not there intact."""

    asset_id: str
    project_code: str | None = None
    ref: str
    problem: FileProblem
    detail: str


class VerifyReport(Model):
    """What one `verify_catalog` run found and changed."""

    checked_at: str
    project_code: str | None = None
    checked: int
    ok: int
    problems: list[FileIssue]
    file_missing_changed: list[str]
    """Ids of assets whose `fileMissing` flipped in this run (broken now, or fine again)."""
    skipped_lost: int
    seconds: float

    @computed_field  # type: ignore[prop-decorator]
    @property
    def missing(self) -> int:
        return sum(issue.problem is FileProblem.MISSING for issue in self.problems)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def corrupt(self) -> int:
        return sum(issue.problem is FileProblem.CORRUPT for issue in self.problems)

    @property
    def all_fine(self) -> bool:
        return not self.problems


Result = tuple[str, str | None, FileIssue | None]
DETAILS = {
    FileCheck.MISSING: "not in the store",
    FileCheck.CORRUPT: "its SHA-256 is no longer the recorded one",
}


async def _check_page(files: FileStore, page: list[dict[str, Any]]) -> list[Result]:
    limit = asyncio.Semaphore(CONCURRENCY)

    async def bounded(row: dict[str, Any]) -> Result:
        async with limit:
            return await check_one(files, row)

    return await asyncio.gather(*(bounded(row) for row in page))


async def verify_catalog(
    store: Store,
    files: FileStore,
    project_code: str | None = None,
    *,
    refresh: AfterChange,
    page_size: int = PAGE_SIZE,
) -> VerifyReport:
    """Check every stored file (of one project, when given) and mark its asset; see above.
    `refresh` brings orphan state up to date after assets' files were found missing."""
    await _check_project(store, project_code)
    started, checked_at = time.perf_counter(), utc_timestamp()
    checked, problems, changed = 0, list[FileIssue](), list[str]()
    async for page in _pages(store, page_size, project_code):
        results = await _check_page(files, page)
        changed += await _mark(store, results, checked_at)
        problems += [issue for _, _, issue in results if issue is not None]
        checked += len(page)
    if changed:  # a missing file breaks its asset and orphans what was built from it
        await store.in_write_tx(lambda tx: refresh(tx, changed))
    [lost] = await store.read("files/count_lost", projectCode=project_code)
    return VerifyReport(
        checked_at=checked_at,
        project_code=project_code,
        checked=checked,
        ok=checked - len(problems),
        problems=problems,
        file_missing_changed=changed,
        skipped_lost=lost["lost"],
        seconds=round(time.perf_counter() - started, 3),
    )


async def _check_project(store: Store, project_code: str | None) -> None:
    """A named project must exist: a typo must not pass as 'nothing to check'."""
    if (
        project_code is not None
        and await ProjectRepository(store).find_by_code(project_code) is None
    ):
        raise NotFoundError(f"no project with code {project_code!r}")


async def _pages(
    store: Store, page_size: int, project_code: str | None
) -> AsyncIterator[list[dict[str, Any]]]:
    """Pages of checkable assets in id order (keyset paging), until a short page."""
    after = ""
    while True:
        page = await store.read(
            "files/list_checkable_page",
            after=after,
            limit=page_size,
            projectCode=project_code,
            urlPrefix=f"{URL_PREFIX}/",
        )
        if page:
            yield page
        if len(page) < page_size:
            return
        after = page[-1]["id"]


async def _mark(store: Store, results: list[Result], checked_at: str) -> list[str]:
    """One UNWIND write for a page; the ids whose `fileMissing` flipped."""
    rows = [{"id": asset_id, "problem": problem} for asset_id, problem, _ in results]
    marked = await store.write("files/record_checks", rows=rows, checkedAt=checked_at)
    return [row["id"] for row in marked]


async def check_one(files: FileStore, row: dict[str, Any]) -> Result:
    """(asset id, problem or None, issue or None) for one row of `list_checkable_page`."""
    ref = row["fileRef"] or row["url"].removeprefix(f"{URL_PREFIX}/")
    try:
        found = await files.verify(ref, row["fileSha256"])
    except LineageError as exc:
        return _broken(row, ref, FileProblem.MISSING, exc.message)
    except OSError as exc:
        return _broken(row, ref, FileProblem.MISSING, f"unreadable: {exc.strerror or exc}")
    if found is FileCheck.OK:
        return row["id"], None, None
    return _broken(row, ref, FileProblem(found.value), DETAILS[found])


def _broken(row: dict[str, Any], ref: str, problem: FileProblem, detail: str) -> Result:
    issue = FileIssue(
        asset_id=row["id"], project_code=row["projectCode"], ref=ref, problem=problem, detail=detail
    )
    return row["id"], problem.value, issue
