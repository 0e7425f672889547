"""The nested fields an `assets` page reads in its one statement, from the selection."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from graphql import FieldNode, FragmentDefinitionNode, OperationDefinitionNode, parse
from strawberry.types.nodes import SelectedField, convert_selections

from lineage.assets.page_plan import NESTED, plan


def assets_selections(document: str, **variables: Any) -> list[Any]:
    """The first field of the document's operation, as strawberry's
    `info.selected_fields` gives it to the `assets` resolver."""
    parsed = parse(document)
    fragments = {
        d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)
    }
    [operation] = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    info: Any = SimpleNamespace(fragments=fragments, variable_values=variables)
    field = operation.selection_set.selections[0]
    assert isinstance(field, FieldNode)
    selected = convert_selections(info, [field])
    assert isinstance(selected[0], SelectedField)
    return selected


STORY_PAGE = """{ assets(first: 100) { edges { node {
  id frames { role position asset { id filename provider } } prompts { id text }
  previousVersion { id status } } } } }"""


def test_the_story_builder_page_reads_frames_prompts_and_previous_version() -> None:
    assert plan(assets_selections(STORY_PAGE)) == ("frames", "prompts", "previousVersion")


def test_every_nested_field_in_a_fixed_order() -> None:
    document = """{ assets { edges { node { orphanStatus { state } project { code }
      workflow { id } usedBy { id } currentVersion { id } previousVersion { id }
      versions { id } sources { id } prompts { id } frames { role } lineageCost } } } }"""
    assert plan(assets_selections(document)) == NESTED
    assert len(NESTED) == len(set(NESTED)) == 9


def test_fragments_and_aliases_are_followed() -> None:
    document = """query { assets { ...Page } }
    fragment Page on AssetConnection { rows: edges { ... on AssetEdge { item: node {
      ...Card again: frames { role } } } } }
    fragment Card on Asset { id before: previousVersion { id } ... { usedBy { id } } }"""
    assert plan(assets_selections(document)) == ("frames", "previousVersion", "usedBy")


def test_fields_outside_the_edges_node_are_not_planned() -> None:
    document = """{ assets { totalCount pageInfo { hasNextPage }
      edges { cursor matchedPrompts { id } node { id frames { asset { versions { id } } } } } } }"""
    assert plan(assets_selections(document)) == ("frames",)


@pytest.mark.parametrize(
    ("directive", "planned"),
    [
        ("@include(if: true)", ("prompts", "workflow")),
        ("@include(if: false)", ("prompts",)),
        ("@skip(if: true)", ("prompts",)),
        ("@skip(if: false)", ("prompts", "workflow")),
    ],
)
def test_skip_and_include_are_read(directive: str, planned: tuple[str, ...]) -> None:
    document = (
        f"{{ assets {{ edges {{ node {{ prompts {{ id }} workflow {directive} {{ id }} }} }} }} }}"
    )
    assert plan(assets_selections(document)) == planned


def test_a_variable_in_a_directive_is_read_from_the_variables() -> None:
    document = """query($deep: Boolean!) { assets { edges { node {
      ... @include(if: $deep) { frames { role } } prompts { id } } } } }"""
    assert plan(assets_selections(document, deep=True)) == ("frames", "prompts")
    assert plan(assets_selections(document, deep=False)) == ("prompts",)


def test_a_directive_it_does_not_know_plans_nothing() -> None:
    document = """{ assets { edges { node { frames @cached { role } prompts { id } } } } }"""
    assert plan(assets_selections(document)) == ()
