"""Per-request costs the lineage benchmark found, kept away."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema

from lineage.api.schema import build_schema
from lineage.settings import Settings


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Count the calls of strawberry's `parse` or `validate`."""
    calls: list[object] = []
    real = getattr(strawberry_schema, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, name, counted)
    return calls


@pytest.mark.parametrize("step", ["parse", "validate"])
async def test_a_repeated_document_is_parsed_and_validated_once(
    monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """Parsing each text once, and the depth and alias limits' rules made once per schema so
    ValidationCache hits (a new rule class per request made every request validate again:
    about 4 ms of a lineage request)."""
    calls = counting(monkeypatch, step)
    schema = build_schema(Settings())
    for _ in range(3):
        result = await schema.execute(f"query {step.title()}dOnce {{ __typename }}")
        assert result.errors and result.errors[0].extensions == {"code": "FORBIDDEN"}
    assert len(calls) == 1


async def test_a_document_over_the_token_limit_is_refused_every_time() -> None:
    schema = build_schema(Settings(max_query_tokens=10))
    for _ in range(2):
        result = await schema.execute("{ a b c d e f g h i j k }")
        assert result.errors and result.errors[0].extensions == {"code": "LIMIT_EXCEEDED"}
