"""Client-supplied keys that make every mutation safe to send twice.

The first request with a key records its fingerprint and, once done, its
result id. The same key with the same request returns that result; the same
key with different content is a `ConflictError`. The claim is made inside the
mutation's own transaction, so a failed mutation leaves no claim behind. `find` looks
first, without claiming, before a mutation stores files: a replay stores nothing.
The fingerprint is of the request as the client sent it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from lineage.db.store import Tx
from lineage.errors import ConflictError
from lineage.models import utc_timestamp


def fingerprint(mutation: str, request: Any) -> str:
    canonical = json.dumps([mutation, request], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def claim(tx: Tx, key: str | None, mutation: str, request: Any) -> str | None:
    """None for a fresh (or unkeyed) request; the earlier result id for a replay."""
    if key is None:
        return None
    print_ = fingerprint(mutation, request)
    [row] = await tx.run(
        "idempotency/claim", key=key, mutation=mutation, fingerprint=print_, now=utc_timestamp()
    )
    return None if row["fresh"] else _earlier_result(row, key, print_)


async def find(tx: Tx, key: str | None, mutation: str, request: Any) -> str | None:
    """Like `claim`, without claiming: the earlier result id when `key` recorded this very
    request, None when it is unused, ConflictError when it recorded another."""
    if key is None:
        return None
    [row] = await tx.run("idempotency/find", key=key)
    if row["fingerprint"] is None:
        return None
    return _earlier_result(row, key, fingerprint(mutation, request))


def _earlier_result(row: dict[str, Any], key: str, print_: str) -> str:
    if row["fingerprint"] != print_:
        raise ConflictError(
            f"clientKey {key!r} was already used by a different {row['mutation']} request"
        )
    return str(row["resultId"])


async def remember(tx: Tx, key: str | None, result_id: str) -> None:
    if key is not None:
        await tx.run("idempotency/record_result", key=key, resultId=result_id)
