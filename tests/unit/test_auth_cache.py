"""The verified-key cache: entries live `ttl_s` seconds, at most `size` of them."""

from __future__ import annotations

import time

from lineage.auth.cache import TtlCache


def test_an_entry_is_found_until_it_expires() -> None:
    cache = TtlCache[str, int](ttl_s=0.05, size=10)
    cache.put("lin_token", 1)
    assert cache.get("lin_token") == 1
    assert cache.get("lin_other") is None
    time.sleep(0.06)
    assert cache.get("lin_token") is None


def test_nothing_is_remembered_without_a_ttl() -> None:
    cache = TtlCache[str, int](ttl_s=0, size=10)
    cache.put("lin_token", 1)
    assert cache.get("lin_token") is None


def test_the_oldest_entry_makes_room_when_full() -> None:
    cache = TtlCache[str, int](ttl_s=60, size=3)
    for number in range(4):
        cache.put(f"token-{number}", number)
    assert cache.get("token-0") is None
    assert [cache.get(f"token-{n}") for n in (1, 2, 3)] == [1, 2, 3]
