"""Errors of access control, each a branch of the one `LineageError` tree.

    LineageError
    ├── UnauthenticatedError   no key, or an unknown, malformed or revoked one  UNAUTHENTICATED 401
    └── ForbiddenError         a valid key whose scope is too small             FORBIDDEN       403

The HTTP statuses are applied by `lineage.auth.middleware`; GraphQL shows the codes.
"""

from __future__ import annotations

from lineage.errors import LineageError


class UnauthenticatedError(LineageError):
    code = "UNAUTHENTICATED"


class ForbiddenError(LineageError):
    code = "FORBIDDEN"
