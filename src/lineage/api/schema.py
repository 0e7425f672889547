"""The GraphQL schema, assembled from each domain's query and mutation types."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import orjson
import strawberry
from graphql import ASTValidationRule, DocumentNode
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.tools import merge_types

from lineage.api.compiled import CompiledQueries, FieldCompiler, OperationPlans
from lineage.api.context import Context
from lineage.api.errors import ErrorPolicy
from lineage.api.over_http import SpecGraphQL
from lineage.api.scalars import schema_config
from lineage.assets.compiled import compile_page
from lineage.assets.gql import AssetQueries
from lineage.auth.gql import AuthQueries, ScopePolicy
from lineage.auth.loopback import may_see_dev_key
from lineage.bundles.gql import BundleMutations
from lineage.explorers.graphiql import graphiql_page
from lineage.generations.gql import GenerationMutations
from lineage.graph.compiled import compile_lineage
from lineage.graph.gql import GraphQueries
from lineage.orphans.gql import OrphanMutations, OrphanQueries
from lineage.projects.gql import ProjectMutations, ProjectQueries
from lineage.prompts.gql import PromptMutations, PromptQueries
from lineage.settings import Settings
from lineage.workflows.gql import WorkflowMutations, WorkflowQueries

Query = merge_types(
    "Query",
    (
        AssetQueries,
        OrphanQueries,
        GraphQueries,
        PromptQueries,
        WorkflowQueries,
        ProjectQueries,
        AuthQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        GenerationMutations,
        OrphanMutations,
        PromptMutations,
        WorkflowMutations,
        ProjectMutations,
        BundleMutations,
    ),
)

# The root fields answered from their statements' rows when their selection allows.
COMPILED_FIELDS: dict[str, FieldCompiler] = {"assets": compile_page, "lineage": compile_lineage}

# The schema as `lineage export-schema` prints it; each app builds its own from settings.
schema = strawberry.Schema(
    query=Query, mutation=Mutation, extensions=[ErrorPolicy], config=schema_config()
)


def build_schema(settings: Settings, plans: OperationPlans | None = None) -> strawberry.Schema:
    """The served schema: access, limits and error policy as `settings` say; its compiled
    operations kept in `plans` (`lineage.api.compiled_requests` answers them again)."""
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(ErrorPolicy, field_suggestions=bool(settings.field_suggestions)),
        partial(MaxTokensLimiter, max_token_count=settings.max_query_tokens),
        partial(AddValidationRules, _limit_rules(settings)),
        ScopePolicy,
        # after the scope check: a refused query is never read
        partial(CompiledQueries, plans=plans or OperationPlans(COMPILED_FIELDS)),
        partial(ParsedDocuments, cache={}),  # the same documents arrive again and again:
        ValidationCache,  # parse and validate each once
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query, mutation=Mutation, extensions=extensions, config=schema_config()
    )


def _limit_rules(settings: Settings) -> list[type[ASTValidationRule]]:
    """The depth and alias limits' validation rules, made once per schema: each limiter
    instance makes a new rule class, which would make every request miss ValidationCache."""
    depth = QueryDepthLimiter(max_depth=settings.max_query_depth)
    aliases = MaxAliasesLimiter(max_alias_count=settings.max_aliases)
    return [*depth.validation_rules, *aliases.validation_rules]


class ParsedDocuments(SchemaExtension):
    """Reuses the parse of a query text seen before (the `cache` is the schema's, bounded).
    Unlike strawberry's ParserCache it never parses itself: strawberry parses a new text,
    so its errors (the token limit's among them) are reported as usual, and never cached."""

    SIZE = 256

    def __init__(self, *, cache: dict[tuple[str, str], DocumentNode]) -> None:
        self.cache = cache

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        key = (context.query or "", repr(sorted(context.parse_options.items())))
        cached = self.cache.get(key) if context.query else None
        if cached is not None:
            context.graphql_document = cached
        yield
        if cached is None and context.query and context.graphql_document is not None:
            if len(self.cache) >= self.SIZE:
                del self.cache[next(iter(self.cache))]
            self.cache[key] = context.graphql_document


class LineageGraphQL(SpecGraphQL):
    """Strawberry's ASGI view (served at /graphql), with our own GraphiQL page
    (`lineage.explorers.graphiql`: pinned files served by the app, example tabs).

    With a development key (local `lineage serve` only), GraphiQL also sends it
    by default, and only to a browser on this machine that names it (`may_see_dev_key`).
    """

    dev_token: str | None = None
    plans: OperationPlans  # the schema's compiled operations (`graphql_app`)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        app_state = request.app.state
        return Context(app_state.lineage, app_state.file_store, request)

    def encode_json(self, data: object) -> bytes:
        """Responses as UTF-8 JSON via orjson (several times faster than `json` on a big
        `lineage { graph }`)."""
        return orjson.dumps(data)

    @property
    def graphql_ide_html(self) -> str:
        return self._ide_html(headers=None)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        token = self.dev_token if may_see_dev_key(request) else None
        headers = {"Authorization": f"Bearer {token}"} if token else None
        return HTMLResponse(self._ide_html(headers))

    def _ide_html(self, headers: dict[str, str] | None) -> str:
        return graphiql_page(headers)


def graphql_app(settings: Settings, dev_token: str | None = None) -> LineageGraphQL:
    plans = OperationPlans(COMPILED_FIELDS)
    app = LineageGraphQL(
        build_schema(settings, plans), graphql_ide="graphiql" if settings.graphiql else None
    )
    app.dev_token = dev_token
    app.plans = plans
    return app
