"""The studio's one spelling of time: ISO-8601 UTC with milliseconds and a Z."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from lineage.models import normalize_timestamp, utc_timestamp


def test_milliseconds_are_truncated_and_utc_is_spelled_z() -> None:
    assert utc_timestamp(datetime(2025, 1, 2, 3, 4, 5, 678999, tzinfo=UTC)) == (
        "2025-01-02T03:04:05.678Z"
    )


def test_an_offset_is_converted_to_utc() -> None:
    bangkok = timezone(timedelta(hours=7))
    assert utc_timestamp(datetime(2025, 1, 2, 3, 4, 5, tzinfo=bangkok)) == (
        "2025-01-01T20:04:05.000Z"
    )


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("2025-12-01T00:00:00Z", "2025-12-01T00:00:00.000Z"),
        ("2025-12-01T07:00:00.123456+07:00", "2025-12-01T00:00:00.123Z"),
        ("2025-12-01", "2025-12-01T00:00:00.000Z"),
        ("0999-01-01T00:00:00", "0999-01-01T00:00:00.000Z"),
    ],
)
def test_any_iso_text_gets_the_one_spelling(text: str, spelled: str) -> None:
    assert normalize_timestamp(text) == spelled


def test_text_that_is_no_time_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="'yesterday'"):
        normalize_timestamp("yesterday")
