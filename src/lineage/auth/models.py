"""Scopes, stored keys and callers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lineage.models import Model


class Scope(StrEnum):
    """What a key may do; each scope includes the ones before it."""

    READ = "read"
    WRITE = "write"
    ADMIN = "admin"

    def granted(self) -> list[str]:
        """This scope and every scope it includes, as stored on the key."""
        order = list(Scope)
        return [scope.value for scope in order[: order.index(self) + 1]]


class ApiKey(Model):
    """An `:ApiKey` node, without its hash."""

    id: str
    name: str
    scopes: list[str]
    created_at: str
    revoked_at: str | None = None

    @property
    def top_scope(self) -> str:
        return next((s.value for s in reversed(Scope) if s.value in self.scopes), "none")


@dataclass(frozen=True)
class Caller:
    """Who sent a request: the key's id and name, and what it may do; `expires_at`
    (unix seconds) when its access ends by itself (a signed media URL)."""

    key_id: str
    name: str
    scopes: frozenset[str]
    expires_at: int | None = None

    def may(self, scope: Scope) -> bool:
        return scope.value in self.scopes


UNRESTRICTED = Caller("-", "auth disabled", frozenset(s.value for s in Scope))
