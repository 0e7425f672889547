"""The GraphQL schema, assembled from each domain's query and mutation types."""

from __future__ import annotations

import json

import strawberry
from strawberry.fastapi import GraphQLRouter
from strawberry.tools import merge_types

from lineage.api.context import Context, get_context
from lineage.api.errors import ErrorPolicy
from lineage.assets.gql import AssetMutations, AssetQueries
from lineage.graph.gql import GraphQueries
from lineage.orphans.gql import OrphanMutations, OrphanQueries
from lineage.projects.gql import ProjectMutations, ProjectQueries
from lineage.prompts.gql import PromptMutations, PromptQueries
from lineage.settings import Settings
from lineage.workflows.gql import WorkflowMutations, WorkflowQueries

Query = merge_types(
    "Query",
    (AssetQueries, OrphanQueries, GraphQueries, PromptQueries, WorkflowQueries, ProjectQueries),
)
Mutation = merge_types(
    "Mutation",
    (AssetMutations, OrphanMutations, PromptMutations, WorkflowMutations, ProjectMutations),
)

schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[ErrorPolicy])


EXAMPLE_QUERY = """# The newest assets, their versions, frames and what was built from them.
{
  assets(first: 5, orderBy: {field: CREATED_AT, direction: DESC}) {
    totalCount
    edges {
      node {
        id type name status provider model isCurrent
        versions { version status }
        frames { role asset { id } }
        usedBy { id type }
        lineageCost
      }
    }
  }
}
"""


class LineageRouter(GraphQLRouter[Context, None]):
    """Strawberry's router, with GraphiQL opening on an example query."""

    @property
    def graphql_ide_html(self) -> str:
        html = super().graphql_ide_html
        option = f"defaultQuery: {json.dumps(EXAMPLE_QUERY)},"
        return html.replace(
            "defaultEditorToolsVisibility: true,", f"defaultEditorToolsVisibility: true, {option}"
        )


def graphql_router(settings: Settings) -> GraphQLRouter[Context, None]:
    return LineageRouter(
        schema,
        context_getter=get_context,
        graphql_ide="graphiql" if settings.graphiql else None,
    )
