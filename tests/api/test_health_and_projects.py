"""The foundation, end to end: HTTP through the real app to the real Neo4j."""

from __future__ import annotations

import httpx

from tests.conftest import GraphQLClient


async def test_healthz_and_readyz(http: httpx.AsyncClient) -> None:
    assert (await http.get("/healthz")).json() == {"status": "ok"}
    ready = await http.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"


async def test_graphiql_is_served_on_get(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert "defaultTabs" in page.text and "query NewestAssets" in page.text


async def test_the_graphiql_example_query_runs(gql: GraphQLClient) -> None:
    from lineage.explorers.graphiql import example_queries

    await gql.data(
        'mutation { recordGeneration(input: {type: IMAGE, provider: "fal", model: "m"}) '
        "{ asset { id } } }"
    )
    data = await gql.data(example_queries()[0])
    assert data["assets"]["totalCount"] == 1


async def test_create_then_read_project_through_neo4j(gql: GraphQLClient) -> None:
    created = await gql.data(
        """mutation($in: CreateProjectInput!) { createProject(input: $in) { code title } }""",
        **{
            "in": {
                "code": "VSS-001",
                "title": "Vibe Story Segment 1",
                "flihubChapterId": "ch-07",
                "flihubSegmentIds": ["seg-071"],
            }
        },
    )
    assert created["createProject"] == {"code": "VSS-001", "title": "Vibe Story Segment 1"}
    found = await gql.data(
        '{ project(code: "VSS-001") { code flihubChapterId flihubSegmentIds createdAt } }'
    )
    assert found["project"]["flihubChapterId"] == "ch-07"
    assert found["project"]["flihubSegmentIds"] == ["seg-071"]
    assert found["project"]["createdAt"].endswith("Z")


async def test_unknown_project_is_a_typed_error(gql: GraphQLClient) -> None:
    body = await gql('{ project(code: "NOPE-1") { code } }')
    [error] = body["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "NOPE-1" in error["message"]


async def test_invalid_project_code_names_the_problem(gql: GraphQLClient) -> None:
    body = await gql('mutation { createProject(input: {code: "bad code!"}) { code } }')
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert "bad code!" in error["message"]


async def test_projects_page_through_with_cursors(gql: GraphQLClient) -> None:
    for n in range(5):
        await gql.data(f'mutation {{ createProject(input: {{code: "P-{n}"}}) {{ code }} }}')
    query = """query($after: String) { projects(first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }"""
    seen, after = [], None
    while True:
        page = (await gql.data(query, after=after))["projects"]
        assert page["totalCount"] == 5
        seen += [edge["node"]["code"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["P-0", "P-1", "P-2", "P-3", "P-4"]
