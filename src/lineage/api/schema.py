"""The GraphQL schema, assembled from each domain's query and mutation types."""

from __future__ import annotations

import strawberry
from strawberry.fastapi import GraphQLRouter
from strawberry.tools import merge_types

from lineage.api.context import Context, get_context
from lineage.api.errors import ErrorPolicy
from lineage.assets.gql import AssetMutations, AssetQueries
from lineage.graph.gql import GraphQueries
from lineage.projects.gql import ProjectMutations, ProjectQueries
from lineage.prompts.gql import PromptMutations, PromptQueries
from lineage.settings import Settings
from lineage.workflows.gql import WorkflowMutations, WorkflowQueries

Query = merge_types(
    "Query", (AssetQueries, GraphQueries, PromptQueries, WorkflowQueries, ProjectQueries)
)
Mutation = merge_types(
    "Mutation", (AssetMutations, PromptMutations, WorkflowMutations, ProjectMutations)
)

schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[ErrorPolicy])


def graphql_router(settings: Settings) -> GraphQLRouter[Context, None]:
    return GraphQLRouter(
        schema,
        context_getter=get_context,
        graphql_ide="graphiql" if settings.graphiql else None,
    )
