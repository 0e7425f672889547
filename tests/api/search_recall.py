"""Recall of full-text analyzers on the multilingual prompt corpus (tests/data).

`measure` indexes the corpus' prompts with one analyzer at a time (a sample
index, `cypher/bench/*recall*`), runs every query in each query form, and
scores the ids found against the ids expected: recall (expected found /
expected), precision (expected found / found) and the queries that found all
they should. Combinations are scored on the union of their indexes' hits, which
is what querying the indexes together returns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lineage.db.store import Store
from lineage.fulltext import keywords_query, phrase

CORPUS = Path(__file__).parents[1] / "data" / "multilingual_search.json"
SCRIPTS = ("thai", "mixed", "english", "accented", "japanese", "chinese")
ANALYZERS = (
    "standard-no-stop-words",
    "standard",
    "standard-folding",
    "simple",
    "whitespace",
    "url_or_email",
    "cjk",
    "thai",
)
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


@dataclass(frozen=True)
class Query:
    text: str
    script: str
    expected: frozenset[str]


@dataclass(frozen=True)
class Corpus:
    prompts: list[dict[str, str]]
    queries: list[Query]


def load_corpus() -> Corpus:
    raw = json.loads(CORPUS.read_text(encoding="utf-8"))
    queries = [Query(q["query"], q["script"], frozenset(q["expected"])) for q in raw["queries"]]
    return Corpus(prompts=raw["prompts"], queries=queries)


def terms(text: str) -> str:
    """The query form before phrases: escaped words joined by AND."""
    return " AND ".join(LUCENE_SPECIAL.sub(r"\\\1", w) for w in text.split())


def phrases(text: str) -> str:
    """Each word a quoted phrase, joined by AND."""
    return " AND ".join(phrase(w) for w in text.split())


def thai_parts(text: str) -> str:
    """The service's query: phrases, and Thai words also as parts of indexed words."""
    return keywords_query(text) or ""


QUERY_FORMS: dict[str, Callable[[str], str]] = {
    "terms": terms,
    "phrases": phrases,
    "phrases+thai parts": thai_parts,
}
Hits = dict[str, frozenset[str]]  # query text -> ids found


@dataclass
class Score:
    expected: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    returned: dict[str, int] = field(default_factory=dict)
    complete: int = 0
    queries: int = 0
    missed: list[str] = field(default_factory=list)

    def recall(self, script: str | None = None) -> float:
        scripts = [script] if script else list(self.expected)
        wanted = sum(self.expected.get(s, 0) for s in scripts)
        return sum(self.found.get(s, 0) for s in scripts) / wanted if wanted else 1.0

    def precision(self, script: str | None = None) -> float:
        scripts = [script] if script else list(self.returned)
        returned = sum(self.returned.get(s, 0) for s in scripts)
        return sum(self.found.get(s, 0) for s in scripts) / returned if returned else 0.0


def score(queries: Iterable[Query], hits: Hits) -> Score:
    result = Score()
    for query in queries:
        found = hits[query.text]
        right = len(found & query.expected)
        result.expected[query.script] = result.expected.get(query.script, 0) + len(query.expected)
        result.found[query.script] = result.found.get(query.script, 0) + right
        result.returned[query.script] = result.returned.get(query.script, 0) + len(found)
        result.queries += 1
        if right == len(query.expected):
            result.complete += 1
        else:
            result.missed.append(query.text)
    return result


def union(*all_hits: Hits) -> Hits:
    return {q: frozenset().union(*(h[q] for h in all_hits)) for q in all_hits[0]}


async def hits_of(store: Store, queries: list[Query], form: Callable[[str], str]) -> Hits:
    hits: Hits = {}
    for query in queries:
        [row] = await store.read("bench/search_recall_index", query=form(query.text))
        hits[query.text] = frozenset(row["ids"])
    return hits


async def measure(store: Store, corpus: Corpus) -> dict[tuple[str, str], Hits]:
    """Hits per (analyzer, query form), one sample index at a time."""
    rows = [{"id": p["id"], "text": p["text"]} for p in corpus.prompts]
    await store.write("bench/create_recall_samples", rows=rows)
    measured: dict[tuple[str, str], Hits] = {}
    for analyzer in ANALYZERS:
        await store.write("bench/drop_recall_index")
        await store.write("bench/create_recall_index", analyzer=analyzer)
        await store.write("migrations/await_indexes")
        for name, form in QUERY_FORMS.items():
            measured[analyzer, name] = await hits_of(store, corpus.queries, form)
    await store.write("bench/drop_recall_index")
    return measured


def table(scores: dict[str, Score]) -> str:
    """Per configuration: recall per script and overall, precision (all, Thai), complete queries."""
    head = f"{'analyzer / query form':56}" + "".join(f"{s[:8]:>9}" for s in SCRIPTS)
    lines = [head + f"{'recall':>8}{'precis.':>8}{'thai pr.':>9}{'all found':>11}"]
    for name, s in scores.items():
        cells = "".join(f"{s.recall(script):9.2f}" for script in SCRIPTS)
        lines.append(
            f"{name:56}{cells}{s.recall():8.2f}{s.precision():8.2f}{s.precision('thai'):9.2f}"
            f"{s.complete:>6}/{s.queries:<4}"
        )
    return "\n".join(lines)
