"""The catalog cards' resolver fields (signed URL, preview, waveform, orphan state) in a
compiled `assets` page (`lineage.assets.compiled_fields`) give byte for byte the JSON
graphql-core's execution gives: files on disk (an image, a video's poster frame, a
sound), an original gone from disk, assets without a file, orphans; what the fast path
cannot answer the same (a variable argument, one out of bounds, a field with its own
resolver below a preview) still compiles no plan and is answered as always.

The normal answer is asked with a second root field (`viewer`), which the fast path
never serves. Signed URLs name the second they expire at: a pair asked across a second's
turn is asked again.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from graphql import parse

from lineage.api.compiled import compile_operation
from lineage.api.schema import COMPILED_FIELDS, schema
from lineage.api.selection import NotCompiled
from lineage.settings import Settings
from lineage.web.first_screen import first_requests
from tests.api.helpers import record
from tests.api.test_compiled_page import assets_json, query, text
from tests.api.test_nested_page import PAGES, story_graph
from tests.api.test_previews import recorded
from tests.conftest import GraphQLClient
from tests.files.samples import MP4, image_bytes, wav_bytes

CARD = """id orphaned fileRef signedUrl orphanStatus { state }
  preview(size: GRID) { url width height } waveform(points: 48)"""
NODES = {
    "the catalog's card": CARD,
    "every field of each": """__typename id short: signedUrl(expiresIn: 60) signedUrl
      preview { __typename url width height mediaType sizeBytes }
      large: preview(size: DETAIL) { url sizeBytes } waveform(points: 8)
      many: waveform(points: 512) orphanStatus { __typename state orphaned pinnedInputs
      reasons { __typename kind rootCause path depth } }""",
    "beside nested fields": f"""{CARD} frames {{ role asset {{ id }} }}
      currentVersion {{ id }} prompts {{ text }}""",
}
AROUND = "totalCount pageInfo { hasNextPage endCursor } edges { cursor node { %s } }"
NODES_ONLY = "query%s { assets { edges { node { %s } } } }"
NOT_COMPILED = {
    "a variable argument": NODES_ONLY % ("($s: PreviewSize!)", "preview(size: $s) { url }"),
    "points out of bounds": NODES_ONLY % ("", "waveform(points: 7)"),
    "a resolver below": NODES_ONLY % ("", "orphanStatus { state } frames { asset { signedUrl } }"),
}
EXPIRES = re.compile(r"expires=(\d+)")


async def files_beside(http: httpx.AsyncClient, gql: GraphQLClient, settings: Settings) -> None:
    """An image, a video and a sound with their files; an image whose file is gone. The
    image and sound are bytes no other test stores: the app's catalog is shared, and
    keeps a file's type and derived files from the first test that stored it."""
    await recorded(http, gql, "card-image", "IMAGE", image_bytes("JPEG", "indigo", (900, 600)))
    await recorded(http, gql, "card-video", "VIDEO", MP4)
    await recorded(http, gql, "card-sound", "AUDIO", wav_bytes(frames=23_456))
    gone = await recorded(http, gql, "card-gone", "IMAGE", image_bytes(color="sienna"))
    (settings.assets_root / "catalog" / gone).unlink()
    await record(gql, id="card-no-file", type="MUSIC", provider="fal", model="m")


async def both(http: httpx.AsyncClient, node: str, variables: dict[str, Any]) -> tuple[str, str]:
    """(fast, normal) `assets` JSON of one page, asked within one second of expiry."""
    for _ in range(5):
        fast = await text(http, query(node, AROUND), variables)
        normal = await text(http, query(node, AROUND, beside="viewer { keyId }"), variables)
        if set(EXPIRES.findall(fast)) == set(EXPIRES.findall(normal)):
            break
    return assets_json(fast), assets_json(normal)


@pytest.mark.parametrize("node", NODES)
async def test_card_fields_compile_and_answer_as_graphql_core_does(
    http: httpx.AsyncClient, gql: GraphQLClient, settings: Settings, node: str
) -> None:
    await story_graph(gql)
    await files_beside(http, gql, settings)
    compile_operation(schema, parse(query(NODES[node], AROUND)), {}, None, COMPILED_FIELDS)
    nodes = []
    for arguments in PAGES.values():
        variables = {**arguments, "first": 40}
        fast, normal = await both(http, NODES[node], variables)
        assert fast == normal, arguments
        nodes += [edge["node"] for edge in json.loads(fast)["edges"]]
    # what was compared holds every case: previews and their absence, sounds, orphans
    previews = [n["preview"] for n in nodes]
    assert None in previews and any("/files/derived/" in p["url"] for p in previews if p)
    assert any(n["waveform"] for n in nodes) and any(n["waveform"] is None for n in nodes)
    assert {"state": "STALE"} in [{"state": n["orphanStatus"]["state"]} for n in nodes]
    assert any("signature=" in (n["signedUrl"] or "") for n in nodes)


async def test_the_catalogs_first_page_compiles_with_its_cards() -> None:
    catalog = first_requests()[1]
    compile_operation(schema, parse(catalog.query), catalog.variables, None, COMPILED_FIELDS)


@pytest.mark.parametrize("name", NOT_COMPILED)
async def test_what_the_fast_path_cannot_answer_compiles_no_plan(
    http: httpx.AsyncClient, gql: GraphQLClient, name: str
) -> None:
    await story_graph(gql)
    document = NOT_COMPILED[name]
    with pytest.raises(NotCompiled):
        compile_operation(schema, parse(document), {"s": "GRID"}, None, COMPILED_FIELDS)
    answered = await http.post("/graphql", json={"query": document, "variables": {"s": "GRID"}})
    if name == "points out of bounds":
        assert answered.json()["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    else:
        assert answered.json()["data"]["assets"]["edges"], answered.text
