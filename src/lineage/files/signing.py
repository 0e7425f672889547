"""Signed media URLs: `/files/<ref>?expires=<unix seconds>&key=<key id>&signature=<sig>`,
which open one file, for GET and HEAD, until they expire or the API key that asked for
them is revoked, without an API key (so a browser's `<img src>` or `<video src>` can
load it). This module checks the signature and expiry; the HTTP gate checks the key.

The signature is an HMAC-SHA256 (itsdangerous) of the ref, the expiry and the key id
under the service's secret, `LINEAGE_MEDIA_URL_SECRET`: every process sharing that secret
accepts the URLs of the others, and changing it revokes every URL handed out. With
no secret configured, each process makes a random one at start: its URLs stop
working when it restarts. Revoking the key that asked for a URL ends the URL too (within
the key cache's time, `LINEAGE_AUTH_CACHE_TTL_S`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from itsdangerous import Signer

from lineage.errors import InvalidInputError, UnauthenticatedError
from lineage.files.models import URL_PREFIX

SALT = "lineage media url"
EXPIRES = re.compile(r"[0-9]{1,12}")  # unix seconds, ASCII digits only


@dataclass(frozen=True)
class SignedAccess:
    """What a valid signed URL grants: its file until `expires_at`, while `key_id` lives."""

    expires_at: int
    key_id: str


class MediaUrls:
    """Makes and checks signed media URLs; `max_seconds` bounds how long one lasts."""

    def __init__(self, secret: str | None, max_seconds: int) -> None:
        key = secret or secrets.token_urlsafe(32)
        self._signer = Signer(key, salt=SALT, digest_method=hashlib.sha256)
        self.max_seconds = max_seconds

    def sign(self, ref: str, lasting_seconds: int, key_id: str, now: float | None = None) -> str:
        """The URL of `ref` for key `key_id`, valid for `lasting_seconds` (1 to `max_seconds`)."""
        if not 1 <= lasting_seconds <= self.max_seconds:
            raise InvalidInputError(
                f"expiresIn must be 1 to {self.max_seconds} seconds, got {lasting_seconds}"
            )
        expires = int(now if now is not None else time.time()) + lasting_seconds
        signature = self._signer.get_signature(_signed_text(ref, expires, key_id))
        query = {"expires": expires, "key": key_id, "signature": signature.decode("ascii")}
        return f"{URL_PREFIX}/{ref}?{urlencode(query)}"

    def check(
        self, ref: str, expires: str, key_id: str, signature: str, now: float | None = None
    ) -> SignedAccess:
        """What the URL grants, if its signature is `ref`'s and it has not expired yet;
        UnauthenticatedError saying which is wrong otherwise."""
        if not EXPIRES.fullmatch(expires):
            raise UnauthenticatedError("a signed media URL needs 'expires' (unix seconds)")
        expires_at = int(expires)
        if not self._signer.verify_signature(_signed_text(ref, expires_at, key_id), signature):
            raise UnauthenticatedError(f"the signature does not match {URL_PREFIX}/{ref}")
        if expires_at < (now if now is not None else time.time()):
            raise UnauthenticatedError(
                f"the signed URL of {URL_PREFIX}/{ref} expired at {expires_at} (unix seconds)"
            )
        return SignedAccess(expires_at, key_id)


def _signed_text(ref: str, expires: int, key_id: str) -> str:
    return f"{ref}\n{expires}\n{key_id}"
