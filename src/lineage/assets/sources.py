"""Where a generation's bytes came from, as the graph keeps it: never with its secrets.

A `sourceUrl` may carry a password (`https://user:pw@host/...`) or a presigned query
(`?X-Amz-Signature=...`); every read key can see an asset's properties. So the graph
keeps the URL's scheme, host and path only, and the SHA-256 of the whole URL
(`sourceUrlSha256`): enough to tell which URL it was when one has it, useless to
anyone who has not.
"""

from __future__ import annotations

import hashlib
from typing import Any

from lineage.files.remote import check_url, shown


def stored_source(url: str | None) -> dict[str, Any]:
    """The `source_url` fields to store for a URL the bytes were copied from."""
    if not url:
        return {}
    return {
        "source_url": shown(check_url(url)),
        "source_url_sha256": hashlib.sha256(url.encode()).hexdigest(),
    }
