"""The bundles' branches of the LineageError tree.

InvalidInputError
└── InvalidBundleError       a bundle that cannot be imported as it is   INVALID_BUNDLE
ConflictError
└── ProjectDiffersError      the project exists with other content       PROJECT_DIFFERS

(A write to an archived project is `lineage.projects.errors.ProjectArchivedError`.)
"""

from __future__ import annotations

from lineage.errors import ConflictError, InvalidInputError


class InvalidBundleError(InvalidInputError):
    """Newer format, truncated, a wrong hash, a path escaping the catalog...; nothing written."""

    code = "INVALID_BUNDLE"


class ProjectDiffersError(ConflictError):
    code = "PROJECT_DIFFERS"
