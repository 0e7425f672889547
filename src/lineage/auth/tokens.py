"""API tokens: `lin_<id>_<secret>`, a 12-hex-digit public id and a 32-byte random secret.

Only `digest(token)` is stored. A plain SHA-256 is enough here: the token carries
256 random bits, so there is nothing to brute-force and no need for a slow
password hash (bcrypt/argon2 protect low-entropy passwords, not random keys).
A token is checked by looking its digest up (`auth/find_key_by_hash`): the same
work whether its id exists or not, and no comparison of secrets whose time could
tell how many leading characters were right.
"""

from __future__ import annotations

import hashlib
import re
import secrets

PREFIX = "lin"
SHAPE = re.compile(r"lin_([0-9a-f]{12})_([0-9a-f]{64})")


def new_token() -> tuple[str, str]:
    """(key id, token) for a new key; the token is shown once and never stored."""
    key_id = secrets.token_hex(6)
    return key_id, f"{PREFIX}_{key_id}_{secrets.token_hex(32)}"


def key_id_of(token: str) -> str | None:
    """The id inside a well-formed token, else None."""
    match = SHAPE.fullmatch(token)
    return match.group(1) if match else None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
