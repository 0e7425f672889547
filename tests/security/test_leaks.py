"""What an error may tell a client: never Neo4j's own words, nor where the server keeps files."""

from __future__ import annotations

import asyncio

from tests.api.helpers import RECORD
from tests.conftest import GraphQLClient

NEO4J_WORDS = ("Node(", "already exists with label", "property `id`", "Neo.ClientError")


async def test_concurrent_creates_of_one_id_answer_without_neo4j_words(
    gql: GraphQLClient,
) -> None:
    fields = {"id": "img_race", "type": "IMAGE", "provider": "fal", "model": "flux"}
    bodies = await asyncio.gather(*(gql(RECORD, **{"in": fields}) for _ in range(8)))
    errors = [error for body in bodies for error in body.get("errors", [])]
    assert len(errors) == 7, bodies  # one of them recorded it
    assert {error["extensions"]["code"] for error in errors} == {"CONFLICT"}
    for error in errors:
        assert not any(word in error["message"] for word in NEO4J_WORDS), error
