"""Deterministic ids: the same legacy record always gets the same id.

They are spelled like the API's own (`asset_img_<epoch ms>_<hex>`, `prompt_<ms>_<hex>`),
the hex being a hash of what identifies the record in its folder, so importing a
folder twice finds its nodes again and two folders' `shot-001`s do not collide.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from lineage.assets.models import ID_PREFIX
from lineage.models import AssetType

HASH_HEX = 12


def digest(*parts: str) -> str:
    joined = "\x1f".join(parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:HASH_HEX]


def millis(timestamp: str | None) -> str:
    """Epoch milliseconds of a normalized timestamp, or `legacy` when there is none."""
    if timestamp is None:
        return "legacy"
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return str(int(moment.timestamp() * 1000))


def asset_id(asset_type: AssetType, created_at: str | None, *identity: str) -> str:
    return f"asset_{ID_PREFIX[asset_type]}_{millis(created_at)}_{digest(asset_type, *identity)}"


def prompt_id(created_at: str, *identity: str) -> str:
    return f"prompt_{millis(created_at)}_{digest('prompt', *identity)}"
