"""The catalog's first screen sent with the page, for a browser on this machine.

The page's first two requests are known before it runs: who the key is and the
projects (`app.js`'s `Studio` query), and the catalog's first page in its default
order (`views/catalog.js`'s `Catalog` query), their texts read from those modules.
When the page carries the development key, `/` asks them itself, with that key,
through the whole app in this process (the API-key gate, the limits and strawberry's
view, as over the network), and sends the answers in the page as a JSON data block
(never executed, so the strict Content-Security-Policy allows it), after
`<link rel="preload">`s for the first screen's thumbnails. The page uses an answer
only for the very document text and variables it would have sent, once, on its first
view; otherwise it asks as usual.

The page's head goes out before the answers are asked, so the browser fetches the
page's files while the service runs the queries.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from typing import Any

import httpx
import orjson
from starlette.types import ASGIApp

from lineage.api.dispatch import GRAPHQL_PATH

ANSWERS_ID = "lineage-answers"  # api.js reads the block of this id
FIRST_SCREEN = 24  # as catalog.js's FIRST_SCREEN: its first page, the cards it shows at once
ANSWER_TIMEOUT_S = 10.0  # past it (a stuck database) the page goes out without them, asks itself
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Document:
    """A GraphQL request the page makes, text and variables exactly as it sends them."""

    query: str
    variables: dict[str, Any] = field(default_factory=dict)


# The page's module-level template constants (`const NAME = `...`;`), read from its
# modules so that the text asked here is the text the page would send, by construction.
CONSTANT = re.compile(r"^(?:export )?const ([A-Z_]+) = `([^`]*)`;", re.MULTILINE)
FILLED = re.compile(r"\$\{([A-Z_]+)\}")
MODULES = ("media.js", "app.js", "views/catalog.js")
# catalog.js's variables for `#/`: no filter, newest first, its first page
CATALOG_VARIABLES = {
    "filter": {},
    "orderBy": {"field": "CREATED_AT", "direction": "DESC"},
    "first": FIRST_SCREEN,
}


@cache
def first_requests() -> tuple[Document, ...]:
    """app.js's `BOOT` (who the key is, the projects) and catalog.js's `QUERY` for `#/`."""
    static = resources.files(__package__) / "static"
    found: dict[str, str] = {}
    for module in MODULES:
        found.update(CONSTANT.findall((static / module).read_text()))
    missing = {"BOOT", "QUERY", "CARD_FIELDS"} - found.keys()
    if missing:
        raise LookupError(f"the studio's modules no longer define {sorted(missing)}")
    catalog = FILLED.sub(lambda name: found[name[1]], found["QUERY"])
    return Document(found["BOOT"]), Document(catalog, CATALOG_VARIABLES)


async def first_screen(app: ASGIApp, base_url: str, token: str) -> str:
    """The thumbnails' preloads and the answers block, or "" when the answers could not
    be had in time (the page then asks itself)."""
    try:
        async with asyncio.timeout(ANSWER_TIMEOUT_S):
            answers = await _answers(app, base_url, token)
    except (TimeoutError, httpx.HTTPError, LookupError) as exc:
        log.warning("the studio's page goes out without its first answers: %r", exc)
        return ""
    answered = [answer for answer in answers if answer is not None]
    return "".join(_preloads(answered)) + _data_block(answered)


async def _answers(app: ASGIApp, base_url: str, token: str) -> list[dict[str, Any] | None]:
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url=base_url, headers=headers) as api:
        return list(await asyncio.gather(*(_answer(api, doc) for doc in first_requests())))


async def _answer(api: httpx.AsyncClient, document: Document) -> dict[str, Any] | None:
    """The document's `data` as the API answered it, with the document; None on an error
    (the page asks again and shows it)."""
    body = {"query": document.query, "variables": document.variables}
    response = await api.post(GRAPHQL_PATH, json=body)
    answer = response.json() if response.status_code == 200 else {}
    if "data" not in answer or answer.get("errors"):
        return None
    return {**body, "data": answer["data"]}


def _data_block(answers: list[dict[str, Any]]) -> str:
    # `<` escaped inside JSON strings, so no `</script>` or `<!--` can end the block
    text = orjson.dumps(answers).decode().replace("<", "\\u003c")
    return f'<script type="application/json" id="{ANSWERS_ID}">{text}</script>\n'


def _preloads(answers: list[dict[str, Any]]) -> list[str]:
    pages = [answer["data"]["assets"] for answer in answers if "assets" in answer["data"]]
    nodes = [edge["node"] for page in pages for edge in page["edges"]]
    urls = [node["preview"]["url"] for node in nodes if node.get("preview")]
    return [f'<link rel="preload" as="image" href="{escape(url)}">\n' for url in urls]
