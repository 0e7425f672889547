"""The GraphiQL page: the pinned GraphiQL served by the app, opening on saved example tabs.

Each `tabs/*.graphql` file is one tab, in file-name order; GraphiQL names a tab after
its operation. The queries run on the demo data as they are (their variables have
defaults), and a test runs each of them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from string import Template

from lineage.explorers.vendor import pinned


@cache
def example_queries() -> tuple[str, ...]:
    """The saved tabs' queries, the first one being the page's example."""
    folder = resources.files("lineage.explorers") / "tabs"
    files = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".graphql")),
        key=lambda item: item.name,
    )
    return tuple(item.read_text() for item in files)


def graphiql_page(headers: dict[str, str] | None) -> str:
    """The page, each tab (new ones too) sending `headers` (the development key) when given."""
    header_text = json.dumps(headers, indent=2) if headers else ""
    tabs = [{"query": query, "headers": header_text} for query in example_queries()]
    packages = pinned()
    react, react_dom = packages["react"], packages["react-dom"]
    graphiql, explorer = packages["graphiql"], packages["@graphiql/plugin-explorer"]
    return _template().substitute(
        react_js=react.url("umd/react.production.min.js"),
        react_dom_js=react_dom.url("umd/react-dom.production.min.js"),
        graphiql_js=graphiql.url("graphiql.min.js"),
        graphiql_css=graphiql.url("graphiql.min.css"),
        explorer_js=explorer.url("dist/index.umd.js"),
        explorer_css=explorer.url("dist/style.css"),
        tabs_json=_script_safe(json.dumps(tabs)),
        headers_json=_script_safe(json.dumps(header_text)),
    )


@cache
def _template() -> Template:
    return Template((resources.files("lineage.explorers") / "graphiql.html").read_text())


def _script_safe(text: str) -> str:
    """JSON that cannot close its <script> element."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
