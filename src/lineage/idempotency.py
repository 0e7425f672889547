"""Client-supplied keys that make every mutation safe to send twice.

The first request with a key records its fingerprint and, once done, its
result id. The same key with the same request returns that result; the same
key with different content is a `ConflictError`. The claim is made inside the
mutation's own transaction, so a failed mutation leaves no claim behind.
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
    if row["fresh"]:
        return None
    if row["fingerprint"] != print_:
        raise ConflictError(
            f"clientKey {key!r} was already used by a different {row['mutation']} request"
        )
    return str(row["resultId"])


async def remember(tx: Tx, key: str | None, result_id: str) -> None:
    if key is not None:
        await tx.run("idempotency/record_result", key=key, resultId=result_id)
