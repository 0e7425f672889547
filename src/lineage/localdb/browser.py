"""What the local Neo4j's Browser runs on connect: the API's graph style, then its guide
(both served by `lineage.explorers.neo4j_guide`)."""

from __future__ import annotations

URL_PREFIX = "/neo4j-browser"
STYLE_PATH = f"{URL_PREFIX}/style.grass"
GUIDE_PATH = f"{URL_PREFIX}/guide.html"


def post_connect_command(api_url: str) -> str:
    """`browser.post_connect_cmd`: apply the style, then open the guide."""
    return f"style {api_url}{STYLE_PATH}; play {api_url}{GUIDE_PATH}"
