"""Archived projects are read-only: the check every write to a project makes (a project
is archived by `lineage.bundles`)."""

from __future__ import annotations

from lineage.db.store import Tx
from lineage.projects.errors import ProjectArchivedError


def refuse_if_archived(project_code: str | None, archived: bool) -> None:
    if archived:
        raise ProjectArchivedError(
            f"project {project_code!r} is archived (read-only): restore it "
            "(restoreProject or `lineage restore`) before changing it"
        )


async def check_writable(tx: Tx, project_code: str | None) -> None:
    """ProjectArchivedError when `project_code` names an archived project."""
    if project_code is None:
        return
    [row] = await tx.run("projects/find_archived", code=project_code)
    refuse_if_archived(project_code, bool(row["archived"]))
