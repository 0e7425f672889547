"""The projects' branch of the LineageError tree.

ConflictError
└── ProjectArchivedError     a write to an archived (read-only) project  PROJECT_ARCHIVED
"""

from __future__ import annotations

from lineage.errors import ConflictError


class ProjectArchivedError(ConflictError):
    code = "PROJECT_ARCHIVED"
