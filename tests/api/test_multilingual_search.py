"""Word search in any script: the analyzers measured on the corpus, then the API."""

from __future__ import annotations

from lineage.db.store import Store
from tests.api.search_recall import Score, load_corpus, measure, score, table, union

CHOSEN = "thai (phrases+thai parts) + standard-folding (phrases)"


async def test_recall_per_analyzer_and_of_the_chosen_pair(store: Store) -> None:
    corpus = load_corpus()
    measured = await measure(store, corpus)
    scores: dict[str, Score] = {
        f"{analyzer} ({form})": score(corpus.queries, hits)
        for (analyzer, form), hits in measured.items()
    }
    pairs = {
        "thai (phrases) + standard-folding (phrases)": ("thai", "phrases"),
        CHOSEN: ("thai", "phrases+thai parts"),
    }
    for name, thai_form in pairs.items():
        both = union(measured[thai_form], measured["standard-folding", "phrases"])
        scores[name] = score(corpus.queries, both)
    thai_cjk = union(measured["thai", "phrases+thai parts"], measured["cjk", "phrases"])
    scores["thai (phrases+thai parts) + cjk (phrases)"] = score(corpus.queries, thai_cjk)
    single = union(measured["standard-folding", "phrases+thai parts"])
    scores["standard-folding (phrases+thai parts) alone"] = score(corpus.queries, single)
    print("\n" + table(scores))
    chosen = scores[CHOSEN]
    assert chosen.missed == [] and chosen.recall() == 1.0
