"""Filtering, full-text search in any script, sorting and paging through pages."""

from __future__ import annotations

from tests.api.helpers import image, prompt, record
from tests.conftest import GraphQLClient

SEARCH = """query($f: AssetFilter, $o: AssetOrder, $first: Int, $after: String) {
  assets(filter: $f, orderBy: $o, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


async def ids(gql: GraphQLClient, **variables: object) -> list[str]:
    page = (await gql.data(SEARCH, **variables))["assets"]
    return [edge["node"]["id"] for edge in page["edges"]]


async def test_filters_combine(gql: GraphQLClient) -> None:
    await image(gql, "a", provider="fal", createdAt="2025-12-30T10:00:00Z")
    await image(gql, "b", provider="kie", createdAt="2025-12-31T10:00:00Z")
    await record(
        gql, id="c", type="MUSIC", provider="kie", model="suno", createdAt="2026-01-01T10:00:00Z"
    )
    assert await ids(gql, f={"provider": "kie"}) == ["c", "b"]
    assert await ids(gql, f={"provider": "kie", "type": "IMAGE"}) == ["b"]
    window = {"createdFrom": "2025-12-31T00:00:00Z", "createdTo": "2026-01-01T00:00:00Z"}
    assert await ids(gql, f=window) == ["b"]
    assert await ids(gql, f={"status": "FAILED"}) == []


async def test_full_text_search_in_thai_and_with_meta_characters(gql: GraphQLClient) -> None:
    song = await prompt(gql, kind="HUMAN", text="ช้าง ช้าง ช้าง น่ารักจริงจริง", role="music")
    await record(gql, id="song", type="MUSIC", provider="kie", model="suno", promptIds=[song["id"]])
    await image(gql, "fox", prompt='A retro fox (1960s) "book" illustration: AND OR')
    assert await ids(gql, f={"search": "ช้าง"}) == ["song"]
    assert await ids(gql, f={"search": "retro fox"}) == ["fox"]
    assert await ids(gql, f={"search": '(1960s) "book" AND'}) == ["fox"]
    assert await ids(gql, f={"search": "'}) MATCH (n) DETACH DELETE n //"}) == []
    assert await ids(gql, f={}) != []


async def test_sorting_and_paging_through_more_than_one_page(gql: GraphQLClient) -> None:
    for n in range(7):
        await image(
            gql,
            f"img-{n}",
            estimatedCost=n / 10,
            name=f"name-{6 - n}",
            createdAt=f"2025-12-30T10:00:0{n}Z",
        )
    seen, after = [], None
    while True:
        page = (
            await gql.data(SEARCH, first=3, after=after, o={"field": "COST", "direction": "ASC"})
        )["assets"]
        assert page["totalCount"] == 7
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"img-{n}" for n in range(7)]
    by_name = await ids(gql, o={"field": "NAME", "direction": "ASC"}, first=2)
    assert by_name == ["img-6", "img-5"]
    newest = await ids(gql, first=1)
    assert newest == ["img-6"]


async def test_page_size_over_the_maximum_is_refused(gql: GraphQLClient) -> None:
    body = await gql(SEARCH, first=100000)
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
