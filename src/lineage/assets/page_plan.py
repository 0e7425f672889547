"""Which nested fields of an `assets` page its one statement reads, from the GraphQL selection.

`plan(info.selected_fields)` walks the selection of the `assets` field down
`edges { node { ... } }`, through fragments and aliases, and names the nested
fields of `Asset` that the page's statement can read along with the page
(`NESTED`, in a fixed order so a selection always composes the same statement).
It is only a plan: a nested field it leaves out is resolved by its DataLoader,
and one it names but GraphQL skips costs a little work and changes no answer.
So when the selection holds something it does not understand (a directive other
than @skip/@include with a known condition), it plans nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

# The nested fields of Asset a page's statement can read, in composition order.
NESTED = (
    "frames",
    "prompts",
    "sources",
    "versions",
    "previousVersion",
    "currentVersion",
    "usedBy",
    "workflow",
    "project",
)
CONDITIONS = {"skip": True, "include": False}  # directive -> the `if` that drops the field


class NotUnderstood(Exception):
    """The selection holds something the plan does not read; the loaders serve it all."""


def plan(assets: Sequence[Selection]) -> tuple[str, ...]:
    """The nested fields of the page's assets selected in `assets` (the `assets` field's
    nodes, as `info.selected_fields` gives them)."""
    try:
        page = [inner for field in _included(assets) for inner in field.selections]
        nodes = _inside(_inside(page, "edges"), "node")
        wanted = {field.name for field in _included(nodes)}
    except NotUnderstood:
        return ()
    return tuple(name for name in NESTED if name in wanted)


def selects(assets: Sequence[Selection], name: str) -> bool:
    """Whether the `assets` field's selection (`info.selected_fields`) holds the page's
    field `name` (`totalCount`); False when it holds what the plan does not read."""
    try:
        page = [inner for field in _included(assets) for inner in field.selections]
        return any(field.name == name for field in _included(page))
    except NotUnderstood:
        return False


def _inside(selections: Sequence[Selection], name: str) -> list[Selection]:
    """The selections inside the included fields called `name` (under any alias)."""
    return [
        inner for field in _included(selections) if field.name == name for inner in field.selections
    ]


def _included(selections: Sequence[Selection]) -> Iterator[SelectedField]:
    """The fields among `selections` and inside their fragments that GraphQL resolves."""
    for selection in selections:
        if not _kept(selection):
            continue
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _included(selection.selections)
        else:
            raise NotUnderstood(selection)


def _kept(selection: Selection) -> bool:
    """False when @skip or @include drops it; NotUnderstood for any other directive."""
    kept = True
    for directive, arguments in selection.directives.items():
        if directive not in CONDITIONS or not isinstance(arguments.get("if"), bool):
            raise NotUnderstood(directive)
        kept = kept and arguments["if"] is not CONDITIONS[directive]
    return kept
