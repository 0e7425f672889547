"""Search text -> the Lucene query of the full-text index `prompt_words`.

`prompt_words` (schema 0041) indexes prompt texts, assets' own prompts and
names with the analyzer `standard-folding`, chosen by recall on
tests/data/multilingual_search.json (tests/api/test_multilingual_search.py
prints the table of every analyzer measured). That analyzer removes accents
(café -> cafe, Straße -> strasse), splits Latin text at spaces and punctuation,
Chinese and Japanese ideographs and kana per character, and keeps each run of
Thai letters whole (Thai has no spaces between words).

Every word of the search must match (AND):

- each word is a quoted phrase, so the analyzer splits the word the way it
  split the text (水墨画 -> 水 墨 画 in a row); Lucene's operators and special
  characters inside a phrase are plain text;
- a word in Thai script may also be any part of an indexed run (a leading and
  trailing wildcard): ลูกช้าง finds เพลงเด็กเกี่ยวกับลูกช้างน้อย.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lineage.assets.models import Asset
from lineage.assets.nested import nested_values
from lineage.paging import SortKey
from lineage.prompts.models import Prompt

LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
THAI = re.compile(r"[\u0E00-\u0E7F]")


def phrase(word: str) -> str:
    """The word as a quoted phrase: only `\\` and `"` need escaping inside one."""
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def phrase_or_part(word: str) -> str:
    """A word as a phrase; a Thai word also as part of an indexed run of Thai letters."""
    if not THAI.search(word):
        return phrase(word)
    escaped = LUCENE_SPECIAL.sub(r"\\\1", word)
    return f"({phrase(word)} OR *{escaped}*)"


def keywords_query(text: str) -> str | None:
    """Every word must match; None when the text has no word."""
    return " AND ".join(phrase_or_part(w) for w in text.split()) or None


@dataclass(frozen=True)
class SearchHit:
    """One asset of a catalog page: its sort key, what of the search it matched, and the
    nested fields its page's statement read (`lineage.assets.nested`)."""

    asset: Asset
    key: SortKey
    matched_prompts: list[Prompt]
    matched_own_text: bool
    nested: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, row: dict[str, Any]) -> SearchHit:
        return cls(
            asset=Asset.model_validate(row["asset"]),
            key=row["key"],
            matched_prompts=[Prompt.model_validate(p) for p in row["matchedPrompts"]],
            matched_own_text=row["matchedOwnText"],
            nested=nested_values(row.get("nested", {})),
        )
