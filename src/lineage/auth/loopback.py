"""Whether a request may be offered the development key of `lineage serve`.

Only a request that comes from this machine *and* names this machine: a loopback client
address, a `Host` that is `localhost` or a loopback address, and an `Origin`, when sent,
of that same host. A web page on another name that rebinds its DNS to 127.0.0.1 sends
its own name as `Host`, so it never gets the key. Other users of the same machine can
still ask from loopback: the README's security section draws this threat model.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.requests import Request

LOOPBACK_NAMES = frozenset({"localhost"})


def may_see_dev_key(request: Request) -> bool:
    """Whether a page may offer the development key to this request (see above)."""
    client = request.client.host if request.client else ""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    same_origin = origin is None or origin == f"{request.url.scheme}://{host}"
    return _is_loopback(client) and _names_loopback(host) and same_origin


def _names_loopback(host: str) -> bool:
    """A `Host` header of `localhost` or a loopback address, with any port."""
    try:
        name = urlsplit(f"//{host}").hostname or ""
    except ValueError:
        return False
    return name in LOOPBACK_NAMES or _is_loopback(name)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
