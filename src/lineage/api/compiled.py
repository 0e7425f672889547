"""Queries answered straight from their statements' rows, without graphql-core's
field-by-field execution: the root fields that know how (`assets`: a page,
`lineage.assets.compiled`; `lineage`: a subgraph, `lineage.graph.compiled`).

`CompiledQueries` runs after parsing, validation, the limits and the scope check: when
the operation is a query of one such root field (beside any `__typename`) whose whole
selection its compiler can read, it reads the answer with the services the resolver
calls and sets the result. Anything else, and any error on the way (a bad argument,
an unknown id, the database), leaves the operation to the normal execution, which
answers it (or reports the error) as always: the fast path only ever answers what the
normal path would answer the same (tests/api/test_compiled_page.py and
tests/api/test_compiled_lineage.py compare them over many selections).

Compiling a selection costs about as much as reading a small answer, so `OperationPlans`
keeps the plans (and the verdicts "not compiled") of the last texts it saw, by query
text, operation name and the values of the variables its directives read: the only
inputs a plan depends on. The arguments are read from each request's variables.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLField,
    VariableNode,
    Visitor,
    visit,
)
from graphql.execution.collect_fields import FieldDetails, collect_fields
from graphql.execution.executor import Executor
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.language import DirectiveNode, OperationDefinitionNode
from strawberry import Schema
from strawberry.extensions import SchemaExtension
from strawberry.types.arguments import convert_arguments
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_first_operation

from lineage.api.selection import NotCompiled, Selection
from lineage.errors import LineageError
from lineage.lru import Lru

ROOT_TYPENAME = "Query"


class FieldPlan(Protocol):
    """A compiled root field: its answer, read with the request's services."""

    async def answer(self, arguments: dict[str, Any], context: Any) -> Any: ...


# A root field's compiler: (the selection, the field's definition, its nodes) -> its plan.
FieldCompiler = Callable[[Selection, GraphQLField, list[FieldDetails]], FieldPlan]


@dataclass(frozen=True)
class OperationPlan:
    """A compiled operation: its root response keys in order, the compiled field's key,
    definition and node (to read its arguments), and the field's plan."""

    operation: OperationDefinitionNode
    keys: tuple[str, ...]
    key: str
    definition: GraphQLField
    node: FieldNode
    field: FieldPlan

    def arguments(self, schema: Schema, inputs: dict[str, Any] | None) -> dict[str, Any]:
        """The resolver's arguments from the request's variables (as strawberry converts
        them); NotCompiled when a variable does not coerce."""
        definitions = self.operation.variable_definitions or ()
        variables = get_variable_values(schema._schema, definitions, inputs or {})
        if isinstance(variables, list):
            raise NotCompiled("a variable does not coerce")
        raw = get_argument_values(self.definition, self.node, variables)
        return convert_arguments(
            raw,
            self.definition.extensions["strawberry-definition"].arguments,
            scalar_registry=schema.schema_converter.scalar_registry,
            config=schema.config,
        )

    async def answer(
        self, schema: Schema, inputs: dict[str, Any] | None, context: Any
    ) -> dict[str, Any]:
        """The operation's data."""
        read = await self.field.answer(self.arguments(schema, inputs), context)
        return {key: read if key == self.key else ROOT_TYPENAME for key in self.keys}


def compile_operation(
    schema: Schema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    name: str | None,
    compilers: dict[str, FieldCompiler],
) -> OperationPlan:
    """The plan of a query of one root field of `compilers`, or NotCompiled."""
    core = schema._schema
    executor = Executor.build(core, document, None, None, variables, name)
    if isinstance(executor, list) or executor.operation.operation.value != "query":
        raise NotCompiled("not a valid query")
    root = core.query_type
    assert root is not None
    collected = collect_fields(
        core, executor.fragments, executor.variable_values, root, executor.operation
    )
    selection = Selection(core, executor.fragments, executor.variable_values, executor.operation)
    fields = selection.named(root, collected.grouped_field_set)
    compiled = [key for key, (name, _, _) in fields.items() if name in compilers]
    others = [key for key, (name, _, _) in fields.items() if name != "__typename"]
    if collected.new_defer_usages or len(compiled) != 1 or others != compiled:
        raise NotCompiled("not one compiled root field")
    key = compiled[0]
    field_name, definition, group = fields[key]
    plan = compilers[field_name](selection, definition, group)
    return OperationPlan(executor.operation, tuple(fields), key, definition, group[0].node, plan)


class DirectiveVariables(Visitor):
    """The names of the variables a document's directives read (@skip(if: $x))."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.names.update(
            argument.value.name.value
            for argument in node.arguments or ()
            if isinstance(argument.value, VariableNode)
        )


def directive_variables(document: DocumentNode) -> tuple[str, ...]:
    found = DirectiveVariables()
    visit(document, found)
    return tuple(sorted(found.names))


@dataclass(frozen=True)
class TextFacts:
    """What a plan's key needs of a query text: the name strawberry gives an operation
    sent without one (its first operation's), the variables its directives read."""

    first_name: str | None
    directive_variables: tuple[str, ...]

    @classmethod
    def of(cls, document: DocumentNode) -> TextFacts:
        first = get_first_operation(document)
        name = first.name.value if first is not None and first.name is not None else None
        return cls(name, directive_variables(document))


NOT_COMPILED = "not compiled"  # a remembered verdict
Verdict = OperationPlan | str
# What a compiled answer may meet that the normal execution answers or reports itself.
COMPILED_FAILURES = (NotCompiled, LineageError, GraphQLError, KeyError, TypeError, ValueError)


class OperationPlans:
    """The plans of the last `size` operations compiled (module docstring)."""

    def __init__(self, compilers: dict[str, FieldCompiler], size: int = 256) -> None:
        self.compilers = compilers
        self.texts: Lru[str, TextFacts] = Lru(size)
        self.plans: Lru[tuple[Any, ...], Verdict] = Lru(size)

    def plan(
        self,
        schema: Schema,
        text: str,
        document: DocumentNode,
        variables: dict[str, Any] | None,
        name: str | None,
    ) -> OperationPlan:
        """The plan of the operation (compiled once per key), or NotCompiled."""
        if not text:
            return compile_operation(schema, document, variables, name, self.compilers)
        facts = self.texts.get(text)
        if facts is None:
            facts = TextFacts.of(document)
            self.texts.put(text, facts)
        key = self._key(text, facts.directive_variables, variables, name)
        found = self.plans.get(key)
        if found is None:
            try:
                found = compile_operation(schema, document, variables, name, self.compilers)
            except NotCompiled:
                found = NOT_COMPILED
            self.plans.put(key, found)
        if isinstance(found, str):
            raise NotCompiled(found)
        return found

    def known(
        self, text: str, variables: dict[str, Any] | None, name: str | None
    ) -> OperationPlan | None:
        """The plan made before for the same key (so for a text strawberry parsed and
        validated under this schema's limits), or None; never compiles. `name` is the
        request's: strawberry names an operation sent without one as its first."""
        facts = self.texts.get(text)
        if facts is None:
            return None
        named = facts.first_name if name is None else name
        found = self.plans.get(self._key(text, facts.directive_variables, variables, named))
        return found if isinstance(found, OperationPlan) else None

    @staticmethod
    def _key(
        text: str, names: tuple[str, ...], variables: dict[str, Any] | None, name: str | None
    ) -> tuple[Any, ...]:
        """A plan's key: the text, the operation's name, the directives' variables' values."""
        given = variables or {}
        return (text, name, *((each in given, repr(given.get(each))) for each in names))


class CompiledQueries(SchemaExtension):
    """Answers a compiled query before graphql-core executes it (module docstring)."""

    def __init__(self, *, plans: OperationPlans) -> None:
        self.plans = plans

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.result is None and context.operation_type is OperationType.QUERY:
            data = await self._answered()
            if data is not None:
                context.result = ExecutionResult(data=data)
        yield

    async def _answered(self) -> dict[str, Any] | None:
        """The compiled answer, or None: the normal execution answers (or reports why not)."""
        context = self.execution_context
        assert context.graphql_document is not None
        try:
            plan = self.plans.plan(
                context.schema,
                context.query or "",
                context.graphql_document,
                context.variables,
                context.operation_name,
            )
            return await plan.answer(context.schema, context.variables, context.context)
        except COMPILED_FAILURES:
            return None
