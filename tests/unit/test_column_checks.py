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
from lineage.graph.drawing import EDGE_KEYS, NODE_KEYS, drawing
from lineage.graph.walk import LineageGraph, LineageNode

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
    node = {"id": "a", "kind": "ASSET", "labels": ["Asset"], "distance": 0, "properties": {}}
    drawn = {"rootId": "a", "truncated": False, "nodes": [node], "edges": []}
    read = plan.field.read  # type: ignore[attr-defined]
    shown = {"id": "a", "kind": "ASSET", "labels": ["Asset"], "distance": 0, "properties": {}}
    assert read(drawn)["nodes"] == [shown]
    assert read(drawn)["nodes"][0]["labels"] is node["labels"]  # read by columns, as found
    drawn["nodes"] = [node, {**node, "id": 7, "distance": 1}]  # an id ID serializes as "7"
    assert [each["id"] for each in read(drawn)["nodes"]] == ["a", "7"]


LINEAGE = """query Lineage($id: ID!, $direction: LineageDirection!, $depth: Int!) {
  lineage(id: $id, direction: $direction, depth: $depth) { %s } }"""


def compiled_read(selection: str) -> Any:
    """The compiled reader of a drawing for `lineage { <selection> }`."""
    variables = {"id": "a", "direction": "UPSTREAM", "depth": 5}
    document = parse(LINEAGE % selection)
    plan = compile_operation(schema, document, variables, None, COMPILED_FIELDS)
    return plan.field.read  # type: ignore[attr-defined]


def test_a_drawing_holds_the_typed_fields_in_their_order() -> None:
    graph = LineageGraph(root_id="v")
    graph.nodes["v"] = LineageNode("v", ["Asset"], {"type": "video", "paramsJson": "{}"}, 0)
    graph.edges.append({"fromId": "v", "toId": "i", "type": "USES_FRAME", "properties": {}})
    drawn = drawing(graph)
    assert tuple(drawn["nodes"][0]) == NODE_KEYS and tuple(drawn["edges"][0]) == EDGE_KEYS
    assert drawn["nodes"][0]["properties"] == {"type": "VIDEO"}


def test_every_typed_field_in_the_drawings_order_is_the_drawings_own_objects() -> None:
    node = dict(zip(NODE_KEYS, ("a", "ASSET", ["Asset"], 0, {}), strict=True))
    edge = dict(zip(EDGE_KEYS, ("a", "b", "USES_FRAME", {"role": "START"}), strict=True))
    drawn = {"rootId": "a", "truncated": False, "nodes": [node], "edges": [edge]}
    typed = compiled_read(
        "nodes { id kind labels distance properties } edges { fromId toId type properties }"
    )
    assert typed(drawn)["nodes"] is drawn["nodes"] and typed(drawn)["edges"] is drawn["edges"]
    reordered = compiled_read("nodes { kind id }")
    assert [list(each.items()) for each in reordered(drawn)["nodes"]] == [
        [("kind", "ASSET"), ("id", "a")]
    ]
    aliased = compiled_read("edges { fromId to: toId type properties }")
    shown = {"fromId": "a", "to": "b", "type": "USES_FRAME", "properties": {"role": "START"}}
    assert aliased(drawn)["edges"] == [shown]
