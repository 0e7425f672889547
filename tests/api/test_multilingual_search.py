"""Word search in any script: the analyzers measured on the corpus, then the API."""

from __future__ import annotations

import asyncio

from lineage.db.store import Store
from tests.api.helpers import image, prompt
from tests.api.search_recall import (
    Corpus,
    Hits,
    Score,
    load_corpus,
    measure,
    score,
    table,
    union,
)
from tests.conftest import GraphQLClient

CHOSEN = "standard-folding (phrases+thai parts)"  # prompt_words' analyzer, search.py's query
TODAY = "standard-no-stop-words (terms)"  # prompt_text's analyzer and query before


async def test_recall_per_analyzer(store: Store) -> None:
    """Prints the table (pytest -s); the chosen analyzer and query find every expected prompt."""
    corpus = load_corpus()
    measured = await measure(store, corpus)
    scores: dict[str, Score] = {
        f"{analyzer} ({form})": score(corpus.queries, hits)
        for (analyzer, form), hits in measured.items()
    }
    pair = union(measured["thai", "phrases+thai parts"], measured["standard-folding", "phrases"])
    scores["thai (phrases+thai parts) + standard-folding (phrases)"] = score(corpus.queries, pair)
    print("\n" + table(scores))
    chosen = scores[CHOSEN]
    assert chosen.missed == [] and chosen.precision() >= 0.9
    assert scores[TODAY].recall("thai") < 0.1
    without_parts = [s for name, s in scores.items() if "thai parts" not in name]
    assert all(s.recall() < 1.0 for s in without_parts)


SEARCH = """query($q: String!) {
  prompts(search: $q, first: 100) { edges { node { id } } }
  assets(filter: {search: $q}, first: 100) { edges { node { id } matchedPrompts { id } } } }"""


async def record_corpus(gql: GraphQLClient, corpus: Corpus) -> None:
    """Each prompt of the corpus, and one image made from it (`asset-<prompt id>`)."""
    await asyncio.gather(
        *(
            prompt(gql, id=p["id"], kind="HUMAN", text=p["text"], role="image")
            for p in corpus.prompts
        )
    )
    await asyncio.gather(
        *(image(gql, f"asset-{p['id']}", promptIds=[p["id"]]) for p in corpus.prompts)
    )


async def test_every_query_finds_its_prompts_and_their_assets_over_http(
    gql: GraphQLClient,
) -> None:
    corpus = load_corpus()
    await record_corpus(gql, corpus)
    prompts_found: Hits = {}
    for query in corpus.queries:
        found = await gql.data(SEARCH, q=query.text)
        prompts_found[query.text] = frozenset(e["node"]["id"] for e in found["prompts"]["edges"])
        assets = {e["node"]["id"]: e["matchedPrompts"] for e in found["assets"]["edges"]}
        assert {f"asset-{i}" for i in query.expected} <= set(assets), query
        for asset_id, matched in assets.items():
            assert matched == [{"id": asset_id.removeprefix("asset-")}]
    measured = score(corpus.queries, prompts_found)
    print(f"\nover HTTP: recall {measured.recall():.2f}, precision {measured.precision():.2f}")
    assert measured.missed == [] and measured.recall() == 1.0
    assert measured.precision() >= 0.9
