"""Which index samples a full recomputation has Neo4j resample first (Neo4j's own rule:
updated by more than 5% of the index's size since its sample, or sampled empty and
updated since)."""

from __future__ import annotations

from lineage.orphans.repository import outdated_indexes


def sample(updates: int, size: int) -> dict[str, object]:
    return {"updatesSinceEstimation": updates, "totalSize": size, "indexType": "RANGE"}


def test_an_index_is_outdated_past_five_percent_of_its_size() -> None:
    assert outdated_indexes([sample(5, 100)]) == 0
    assert outdated_indexes([sample(6, 100)]) == 1


def test_an_index_sampled_empty_is_outdated_once_updated() -> None:
    assert outdated_indexes([sample(0, 0)]) == 0
    assert outdated_indexes([sample(1, 0)]) == 1


def test_each_outdated_index_counts() -> None:
    samples = [sample(10, 100), sample(0, 100), sample(3, 0), sample(4_000, 100_000)]
    assert outdated_indexes(samples) == 2
