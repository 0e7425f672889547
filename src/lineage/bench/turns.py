"""Two sides of a benchmark measured in turn, the side that goes first alternating, so
that neither always runs after the other (and inherits what it left: a warm cache,
memory just freed or still to be reclaimed)."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def in_turn(n: int, sides: list[T]) -> list[T]:
    """The sides in the order of round `n`: which goes first alternates."""
    return sides[::-1] if n % 2 else sides


def alternated(rounds: int, first: Callable[[], R], second: Callable[[], R]) -> list[list[R]]:
    """`rounds` results of each side, in turn (round 0: `first` first); by side."""
    results: list[list[R]] = [[], []]
    for n in range(rounds):
        for side, kept in in_turn(n, [(first, results[0]), (second, results[1])]):
            kept.append(side())
    return results


def p50s(runs: list[dict[str, float]], name: str) -> dict[str, float]:
    """The p50 of each figure of the runs, named `name` + the figure's key; and each
    run's own figures, named `name` + its number (from 1) + the key."""
    p50 = {f"{name}{key}": statistics.median(run[key] for run in runs) for key in runs[0]}
    each = {f"{name}{n}{key}": v for n, run in enumerate(runs, 1) for key, v in run.items()}
    return p50 | each
