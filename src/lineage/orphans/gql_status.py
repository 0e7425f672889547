"""The orphan status every Asset carries in GraphQL (read from the node, no extra query)."""

from __future__ import annotations

import strawberry

from lineage.orphans import rules

OrphanKind = strawberry.enum(rules.OrphanKind, description="Why an asset is orphaned.")
OrphanState = strawberry.enum(
    rules.OrphanState, description="OK, or the most serious kind among an orphan's reasons."
)


@strawberry.type(name="OrphanReason")
class OrphanReasonNode:
    kind: OrphanKind  # type: ignore[valid-type]
    root_cause: strawberry.ID = strawberry.field(
        description="The asset or prompt whose change started it."
    )
    path: list[strawberry.ID] = strawberry.field(
        description="Ids from the root cause to this asset, following what was built from what."
    )
    depth: int = strawberry.field(description="Steps from the root cause (0: its own file).")

    @classmethod
    def of(cls, reason: rules.Reason) -> OrphanReasonNode:
        return cls(
            kind=reason.kind,
            root_cause=strawberry.ID(reason.root_cause),
            path=[strawberry.ID(i) for i in reason.path],
            depth=reason.depth,
        )


@strawberry.type(name="OrphanStatus")
class OrphanStatusNode:
    state: OrphanState  # type: ignore[valid-type]
    orphaned: bool
    reasons: list[OrphanReasonNode]
    pinned_inputs: list[strawberry.ID] = strawberry.field(
        description="Inputs accepted on purpose (pinInput): they orphan nothing."
    )

    @classmethod
    def of(cls, status: rules.OrphanStatus, pinned_inputs: list[str]) -> OrphanStatusNode:
        return cls(
            state=status.state,
            orphaned=status.orphaned,
            reasons=[OrphanReasonNode.of(r) for r in status.reasons],
            pinned_inputs=[strawberry.ID(i) for i in pinned_inputs],
        )
