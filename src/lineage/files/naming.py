"""Unique, readable file names: `img-<epoch ms>-<provider>-<model>-<suffix>.<ext>`.

The suffix counts up from a random start, so names made in one process never repeat
(2**24 of them before it wraps) and two processes clash only if their counters meet
in the same millisecond; the store links with no-overwrite semantics anyway, so a
clash fails, never replaces.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time

from lineage.files.models import AssetType

PREFIXES: dict[AssetType, str] = {
    AssetType.IMAGE: "img",
    AssetType.VIDEO: "vid",
    AssetType.AUDIO: "aud",
    AssetType.MUSIC: "aud",
    AssetType.THUMBNAIL: "thb",
}
MAX_SLUG_LENGTH = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SUFFIX_SPACE = 16**6
_suffixes = itertools.count(secrets.randbelow(SUFFIX_SPACE))


def slugify(text: str) -> str:
    """Lower-case letters and digits joined by single dashes; never empty."""
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-") or "unknown"


def new_name(asset_type: AssetType, provider: str, model: str, extension: str) -> str:
    """A fresh name such as `img-1767098871389-fal-flux-pro-v1-1-3fa2c1.jpg`."""
    millis = time.time_ns() // 1_000_000
    stem = f"{PREFIXES[asset_type]}-{millis}-{slugify(provider)}-{slugify(model)}"
    return f"{stem}-{next(_suffixes) % SUFFIX_SPACE:06x}.{extension}"
