"""The one error tree of Lineage.

    LineageError                 base; `code` is machine-readable, message is for people
    ├── NotFoundError            an id, code or key names nothing          NOT_FOUND
    ├── InvalidInputError        input breaks a rule (bad frame, cycle...)  INVALID_INPUT
    ├── ConflictError            idempotency key reused with other content  CONFLICT
    ├── LimitExceededError       depth, page size or cost over the cap      LIMIT_EXCEEDED
    ├── UnauthenticatedError     no key, or an unknown or revoked one       UNAUTHENTICATED 401
    ├── ForbiddenError           a valid key whose scope is too small       FORBIDDEN       403
    └── DatabaseError            Neo4j misbehaves                           DATABASE
        ├── DatabaseUnavailableError   cannot reach Neo4j                   DATABASE_UNAVAILABLE
        └── AuthenticationError        Neo4j refused the credentials        DATABASE_AUTH
    LocalNeo4jError              the project's own Neo4j cannot be set up  LOCAL_NEO4J

Third-party exceptions are translated in one place (`lineage.db.store`). The HTTP
statuses of access control are applied by `lineage.auth.middleware`; GraphQL shows
the codes. Other packages add their branches (`lineage.bundles.errors`, ...).
"""

from __future__ import annotations


class LineageError(Exception):
    """Base of every expected error; carries a machine-readable `code`."""

    code = "LINEAGE_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(LineageError):
    code = "NOT_FOUND"


class InvalidInputError(LineageError):
    code = "INVALID_INPUT"


class ConflictError(LineageError):
    code = "CONFLICT"


class LimitExceededError(LineageError):
    code = "LIMIT_EXCEEDED"


class UnauthenticatedError(LineageError):
    code = "UNAUTHENTICATED"


class ForbiddenError(LineageError):
    code = "FORBIDDEN"


class DatabaseError(LineageError):
    code = "DATABASE"


class DatabaseUnavailableError(DatabaseError):
    code = "DATABASE_UNAVAILABLE"


class AuthenticationError(DatabaseError):
    code = "DATABASE_AUTH"


class LocalNeo4jError(LineageError):
    code = "LOCAL_NEO4J"
