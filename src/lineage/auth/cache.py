"""A small, bounded in-process map whose entries expire (the verified keys of `KeyService`).

Verified tokens are remembered under the raw token itself, so a request with a known
key costs one dict lookup and no hash. That is safe in-process:
- the process holds every request's raw token anyway (it arrives in the header);
  the cache keeps it no longer than the TTL, never writes or logs it, and only
  tokens that verified against their stored SHA-256 enter it;
- a lookup compares a token with a remembered one only when their `hash()` agree,
  and Python's string hash is SipHash keyed with a per-process random secret, so a
  client cannot aim a guess at a remembered token to time that comparison; a
  token not remembered goes to the constant-work digest lookup in Neo4j
  (`lineage.auth.tokens`), as before.
"""

from __future__ import annotations

import time
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    """At most `size` entries, each for `ttl_s` seconds (0: remember nothing)."""

    def __init__(self, ttl_s: float, size: int) -> None:
        self.ttl_s = ttl_s
        self.size = size
        self._entries: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1]

    def put(self, key: K, value: V) -> None:
        if self.ttl_s <= 0:
            return
        now = time.monotonic()
        if len(self._entries) >= self.size:
            self._entries = {k: e for k, e in self._entries.items() if e[0] > now}
        if len(self._entries) >= self.size:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (now + self.ttl_s, value)
