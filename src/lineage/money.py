"""Money, exactly: every amount is US dollars, counted in integer micro-units.

Neo4j keeps an attempt's `estimatedCost` as the float the tool sent (the catalog's
cost order and index read it). Every total is summed by its query in integer
micro-units (millionths of a dollar, `toInteger(round(cost * 1000000))`), never as
a float sum, and the API turns micro-units into an exact decimal: 0.19 three times
is 0.57, not 0.5700000000000001.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

MICROS_PER_UNIT = 1_000_000
CURRENCY = "USD"


def to_micros(amount: float | None) -> int:
    """A stored amount in integer micro-units (none is 0), rounded to the nearest."""
    if amount is None:
        return 0
    exact = Decimal(repr(float(amount))) * MICROS_PER_UNIT
    return int(exact.to_integral_value(rounding=ROUND_HALF_EVEN))


def decimal_of(micros: int) -> Decimal:
    """Micro-units as an exact decimal amount, without trailing zeros (0.57, 12, 0)."""
    return (Decimal(micros) / MICROS_PER_UNIT).normalize()


def float_of(micros: int) -> float:
    """Micro-units as the nearest float (what the deprecated float fields give)."""
    return micros / MICROS_PER_UNIT
