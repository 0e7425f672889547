"""The `lineage web-assets` command (registered on the main app by lineage.cli)."""

from __future__ import annotations

import typer

from lineage.console import clear_errors, out
from lineage.explorers.vendor import install_web_assets, pinned
from lineage.settings import get_settings


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main `lineage` app."""
    app.command("web-assets")(web_assets)


@clear_errors
def web_assets() -> None:
    """Fetch GraphiQL's, Swagger UI's and ReDoc's pinned files (npm pack, sha512-checked)."""
    dest = get_settings().web_assets_dir
    fetched = install_web_assets(dest)
    specs = ", ".join(package.spec for package in pinned().values())
    out.print(f"{'Installed' if fetched else 'Already installed'} in {dest}: {specs}")
