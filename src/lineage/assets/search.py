"""Catalog search text -> a Lucene query that treats every character as plain text."""

from __future__ import annotations

import re

LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
LUCENE_OPERATORS = {"AND", "OR", "NOT", "TO"}


def keywords_query(text: str) -> str | None:
    """Every word must match (AND); special characters and operators are escaped."""
    words = [w for w in text.split() if w.strip()]
    escaped = [f'"{w}"' if w in LUCENE_OPERATORS else LUCENE_SPECIAL.sub(r"\\\1", w) for w in words]
    return " AND ".join(escaped) or None
