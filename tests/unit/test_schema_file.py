"""`schema.graphql` is exported from the code; this fails when it drifts."""

from __future__ import annotations

from pathlib import Path

from lineage.api.schema import schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed.strip() == schema.as_str().strip(), (
        "run `make schema` and commit schema.graphql"
    )
