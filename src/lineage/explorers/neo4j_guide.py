"""Neo4j Browser ready on connect: the graph style (GRASS) and the guide (`:play`) the
local Neo4j's `browser.post_connect_cmd` loads from the API (see `lineage.localdb`).

The guide's saved queries are the files of `cypher/browser/`, shown as they are.
"""

from __future__ import annotations

import html
from functools import cache
from importlib import resources
from string import Template

from lineage.db import cypher

CONTENT = resources.files("lineage.explorers") / "neo4j_browser"


@cache
def style() -> str:
    return (CONTENT / "style.grass").read_text()


@cache
def guide() -> str:
    """The guide, each saved query's whole file (header comments too) in its slide."""
    queries = {
        name.removeprefix("browser/"): html.escape(
            (cypher.cypher_root() / f"{name}.cypher").read_text().strip(), quote=False
        )
        for name in cypher.names("browser")
    }
    return Template((CONTENT / "guide.html").read_text()).substitute(queries)
