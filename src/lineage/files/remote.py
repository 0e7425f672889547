"""Bytes from an http(s) URL, streamed: the one place httpx's exceptions are translated.

`download(url, ...)` checks the URL (http or https, with a host), sends the GET
(following up to `MAX_REDIRECTS` redirects) to public addresses only, refuses a
non-2xx answer or a declared `Content-Length` over the limit before reading any
body, and yields the body as decoded chunks. The store counts those chunks against
its limit as they arrive, so an undeclared or lying length is stopped at the limit,
never read whole.

Public addresses only (`addresses.AddressPolicy`): a URL, a DNS answer or a
redirect leading to loopback, a private network, link-local cloud metadata or a
reserved range is refused before any connection to it; `allowed_networks` lets
chosen non-public networks through. Proxy settings of the environment are ignored
(a proxy would connect on our behalf, past the check).

Every failure is a `DownloadError` (INVALID_INPUT family) naming the URL without its
credentials and query string (a presigned URL's signature is a secret).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import httpx
from httpx_secure import SSRFProtectionError

from lineage.files.addresses import AddressPolicy, Network
from lineage.files.errors import DownloadError, FileTooLargeError

SCHEMES = frozenset({"http", "https"})
MAX_REDIRECTS = 5
CHUNK_BYTES = 1024 * 1024
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""Per operation: connecting, and each read of the body (a stalled server fails)."""
DEFAULT_DEADLINE_SECONDS = 30 * 60.0
"""The whole body must arrive within this (a server trickling bytes fails)."""


def check_url(url: str) -> httpx.URL:
    """The parsed URL when it is http(s) with a host; DownloadError otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise DownloadError(f"{url!r} is not a valid URL: {exc}") from exc
    if parsed.scheme not in SCHEMES or not parsed.host:
        raise DownloadError(f"only http and https URLs can be copied from, not {shown(parsed)!r}")
    return parsed


def shown(url: httpx.URL) -> str:
    """The URL for messages: no user, password or query string."""
    return str(url.copy_with(userinfo=b"", query=None, fragment=None))


@asynccontextmanager
async def download(
    url: str,
    max_bytes: int,
    *,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    deadline_seconds: float = DEFAULT_DEADLINE_SECONDS,
    allowed_networks: Sequence[Network] = (),
) -> AsyncIterator[AsyncIterator[bytes]]:
    """The body of a 2xx answer as an async stream of chunks; see the module docstring."""
    checked = check_url(url)
    policy = AddressPolicy(allowed_networks)
    async with (
        translated_errors(checked),
        policy.protect(_client(timeout)) as client,
        client.stream("GET", checked) as response,
    ):
        check_response(response, checked, max_bytes)
        yield _within(response.aiter_bytes(CHUNK_BYTES), checked, deadline_seconds)


def _client(timeout: httpx.Timeout) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS, trust_env=False
    )


def check_response(response: httpx.Response, url: httpx.URL, max_bytes: int) -> None:
    if not response.is_success:
        raise DownloadError(
            f"{shown(url)} answered HTTP {response.status_code} "
            f"{response.reason_phrase}; nothing stored".rstrip()
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FileTooLargeError(
            f"{shown(url)} sends {declared} bytes, over the limit of {max_bytes} bytes"
        )


async def _within(
    chunks: AsyncIterator[bytes], url: httpx.URL, deadline_seconds: float
) -> AsyncIterator[bytes]:
    deadline = time.monotonic() + deadline_seconds
    async for chunk in chunks:
        if time.monotonic() > deadline:
            raise DownloadError(f"{shown(url)} took over {deadline_seconds:g} s; nothing stored")
        yield chunk


@asynccontextmanager
async def translated_errors(url: httpx.URL) -> AsyncIterator[None]:
    """httpx's exceptions -> DownloadError (the store's own errors pass through)."""
    try:
        yield
    except SSRFProtectionError as exc:
        raise DownloadError(
            f"{shown(url)} leads to {exc.hostname}, which is not a public address "
            "(loopback, private, link-local and reserved addresses are refused); "
            "nothing stored"
        ) from exc
    except httpx.TimeoutException as exc:
        raise DownloadError(f"{shown(url)} timed out ({type(exc).__name__})") from exc
    except httpx.TooManyRedirects as exc:
        raise DownloadError(f"{shown(url)} redirects more than {MAX_REDIRECTS} times") from exc
    except httpx.UnsupportedProtocol as exc:
        raise DownloadError(f"{shown(url)} redirects to a URL that is not http(s)") from exc
    except httpx.HTTPError as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise DownloadError(f"cannot fetch {shown(url)}: {reason}") from exc
