"""The importer's batches: about BATCH assets each, never cutting a slot, images first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lineage.legacy.report import Kind
from lineage.legacy.writing import slot_whole_chunks


@dataclass
class Item:
    kind: Kind
    slot_key: str


def placed(*slots: tuple[Kind, str, int]) -> list[Any]:
    return [
        (Item(kind, slot), version, None)
        for kind, slot, attempts in slots
        for version in range(1, attempts + 1)
    ]


def slots_of(chunk: list[Any]) -> list[str]:
    return [item.slot_key for item, _, _ in chunk]


def test_a_chunk_is_closed_at_the_size_but_only_between_slots() -> None:
    [videos] = slot_whole_chunks(
        placed((Kind.VIDEO, "a", 2), (Kind.VIDEO, "b", 3), (Kind.VIDEO, "c", 1)), size=3
    )
    assert [slots_of(chunk) for chunk in videos] == [["a", "a", "b", "b", "b"], ["c"]]


def test_a_slot_longer_than_the_size_stays_whole() -> None:
    [videos] = slot_whole_chunks(placed((Kind.VIDEO, "long", 11), (Kind.VIDEO, "x", 1)), 3)
    assert [len(chunk) for chunk in videos] == [11, 1]


def test_images_are_a_stage_of_their_own_before_the_rest() -> None:
    stages = slot_whole_chunks(
        placed(
            (Kind.IMAGE, "shot-1", 1),
            (Kind.IMAGE, "shot-2", 1),
            (Kind.MUSIC, "m", 1),
            (Kind.VIDEO, "v", 2),
        ),
        size=10,
    )
    assert [[slots_of(chunk) for chunk in stage] for stage in stages] == [
        [["shot-1", "shot-2"]],
        [["m", "v", "v"]],
    ]


def test_nothing_placed_is_no_stage() -> None:
    assert slot_whole_chunks([], 10) == []
