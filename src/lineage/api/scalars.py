"""The API's own scalars and the money type: what a generated client can use as it is.

- `DateTime`: ISO-8601 UTC with milliseconds and a Z (2026-12-06T21:35:10.123Z), as
  stored; an input may be any ISO-8601 time (no zone is UTC) and is normalized.
- `Decimal`: an exact decimal number as a string ("0.57"), never a float.
- `Money`: an exact `Decimal` amount and its currency (ISO 4217, USD for now).
"""

from __future__ import annotations

import decimal
from typing import Any, NewType

import strawberry
from strawberry.schema.config import StrawberryConfig
from strawberry.types.scalar import ScalarDefinition

from lineage.models import normalize_timestamp
from lineage.money import CURRENCY, decimal_of, float_of


def _parse_time(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a DateTime is an ISO-8601 string, not {value!r}")
    return normalize_timestamp(value)


def _parse_decimal(value: object) -> decimal.Decimal:
    try:
        return decimal.Decimal(str(value))
    except decimal.InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {value!r}") from exc


DateTime = NewType("DateTime", str)
Decimal = NewType("Decimal", decimal.Decimal)

SCALARS: dict[object, ScalarDefinition] = {
    DateTime: strawberry.scalar(
        name="DateTime",
        description=(
            "A time: ISO-8601 UTC with milliseconds and a Z, e.g. 2026-12-06T21:35:10.123Z. "
            "Inputs take any ISO-8601 time (one without a zone is UTC) and are normalized."
        ),
        specified_by_url="https://datatracker.ietf.org/doc/html/rfc3339",
        serialize=str,
        parse_value=_parse_time,
    ),
    Decimal: strawberry.scalar(
        name="Decimal",
        description='An exact decimal number, as a string: "0.57", "12", "0".',
        serialize=lambda value: format(value, "f"),
        parse_value=_parse_decimal,
    ),
}


def schema_config() -> StrawberryConfig:
    """The schema's configuration: its own scalars."""
    return StrawberryConfig(scalar_map=SCALARS)


@strawberry.type(description="An exact amount of money and its currency.")
class Money:
    amount: Decimal = strawberry.field(
        description='Exact, as a decimal string: "0.57", never 0.5700000000000001.'
    )
    currency: str = strawberry.field(description="ISO 4217 code: USD (every cost is in USD).")

    @classmethod
    def of_micros(cls, micros: int) -> Money:
        return cls(amount=Decimal(decimal_of(micros)), currency=CURRENCY)


def money_field(old: str) -> str:
    """The deprecation reason of a float money field, naming its exact twin."""
    return (
        f"A float (sums came out as 0.5700000000000001): use `{old}Money`, exact and with "
        "its currency. Removed in the next release."
    )


def money_of(micros: str, description: str) -> Any:
    """A `Money` field of the type's private micro-units attribute named `micros`."""

    def resolve(root: Any) -> Money:
        return Money.of_micros(getattr(root, micros))

    return strawberry.field(resolver=resolve, description=description)


def deprecated_float_of(micros: str, old: str) -> Any:
    """The deprecated float field `old` of the same micro-units, naming its exact twin."""

    def resolve(root: Any) -> float:
        return float_of(getattr(root, micros))

    return strawberry.field(resolver=resolve, deprecation_reason=money_field(old))
