"""`column_check`: a column passes only when `value_serializer` would give back each of its
values unchanged, so the typed lineage fields built from columns (`lineage.graph.compiled`)
answer what the per-value serializers answer."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLNonNull, GraphQLOutputType, GraphQLString, parse

from lineage.api.compiled import compile_operation
from lineage.api.schema import COMPILED_FIELDS, schema
from lineage.api.selection import NotCompiled, column_check, value_serializer
from lineage.bench.measure import TYPED_QUERY

NODE = schema._schema.type_map["LineageNode"]
EDGE = schema._schema.type_map["LineageEdge"]
COLUMNS: list[tuple[GraphQLOutputType, list[Any], bool]] = [
    (NODE.fields["id"].type, ["a", "b"], True),
    (NODE.fields["id"].type, ["a", 1], False),
    (NODE.fields["id"].type, ["a", None], False),
    (NODE.fields["distance"].type, [0, 1, 5], True),
    (NODE.fields["distance"].type, [], True),
    (NODE.fields["distance"].type, [1, True], False),
    (NODE.fields["distance"].type, [2**31], False),
    (NODE.fields["distance"].type, [1.0], False),
    (NODE.fields["labels"].type, [["Asset"], ["Prompt", "HumanPrompt"]], True),
    (NODE.fields["labels"].type, [["Asset", None]], False),
    (NODE.fields["labels"].type, [("Asset",)], False),
    (NODE.fields["kind"].type, ["ASSET", "WORKFLOW"], True),
    (NODE.fields["kind"].type, ["asset"], False),
    (EDGE.fields["type"].type, ["USES_FRAME"], True),
    (NODE.fields["properties"].type, [{}, {"a": [1]}, 3], True),
    (NODE.fields["properties"].type, [{}, None], False),
]


@pytest.mark.parametrize(("output", "column", "passes"), COLUMNS)
def test_a_column_passes_only_when_each_value_serializes_as_it_is(
    output: GraphQLOutputType, column: list[Any], passes: bool
) -> None:
    check = column_check(output)
    assert check is not None
    assert check(column) is passes
    if passes:
        serialize = value_serializer(output, "test")
        assert [serialize(value) for value in column] == column


def test_a_nullable_field_has_no_column_check() -> None:
    assert column_check(GraphQLString) is None
    assert column_check(GraphQLNonNull(GraphQLString)) is not None


def test_a_failed_column_is_one_the_serializer_refuses_or_changes() -> None:
    serialize = value_serializer(NODE.fields["id"].type, "test")
    assert serialize(1) == "1"
    with pytest.raises(NotCompiled):
        serialize(None)


def test_typed_nodes_read_by_columns_or_value_by_value_alike() -> None:
    variables = {"id": "a", "direction": "UPSTREAM", "depth": 5}
    plan = compile_operation(schema, parse(TYPED_QUERY), variables, None, COMPILED_FIELDS)
    node = {"id": "a", "labels": ["Asset"], "distance": 0, "properties": {}, "kind": "ASSET"}
    drawn = {"rootId": "a", "truncated": False, "nodes": [node], "edges": []}
    read = plan.field.read  # type: ignore[attr-defined]
    shown = {"id": "a", "kind": "ASSET", "labels": ["Asset"], "distance": 0, "properties": {}}
    assert read(drawn)["nodes"] == [shown]
    assert read(drawn)["nodes"][0]["labels"] is node["labels"]  # read by columns, as found
    drawn["nodes"] = [node, {**node, "id": 7, "distance": 1}]  # an id ID serializes as "7"
    assert [each["id"] for each in read(drawn)["nodes"]] == ["a", "7"]
