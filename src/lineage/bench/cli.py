"""The `lineage` commands of this package (registered on the main app by lineage.cli)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main `lineage` app."""
