"""No two packages of `lineage` import each other: the packages form layers.

A package is a top-level subpackage or module of `lineage` (`lineage.assets`,
`lineage.errors`). Every `import` of every module counts, at module level or inside a
function, except those under `if TYPE_CHECKING:` (they name a type for mypy and run
nothing; `lineage.api.info` names the request context that way). Strawberry's lazy
type references (`strawberry.lazy("lineage.assets.nodes")`) are strings, not imports.
The wiring on top (`TOP`: the app and its GraphQL schema, request context and loaders,
the command line and every package's commands, the benchmark harness) may import
anything; everything else must import only downwards. The test prints the layers it
sees, lowest first (run pytest with -s).
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import lineage
from lineage.db.cypher import cypher_root

ROOT = Path(lineage.__file__).parent
# The wiring on top: the app (its state, its GraphQL schema, view, request context and
# loaders, the requests it answers past the view, the development key of `lineage
# serve`), the command line (its runtime and every package's `cli` module), and the
# benchmark harness (it serves the app).
TOP = frozenset(
    {
        "lineage.app",
        "lineage.state",
        "lineage.api.schema",
        "lineage.api.compiled_requests",
        "lineage.api.over_http",
        "lineage.api.context",
        "lineage.api.loaders",
        "lineage.auth.dev",
        "lineage.cli",
        "lineage.runtime",
    }
)
TOP_PACKAGES = frozenset({"lineage.bench"})
TOP_NAME = "<top>"
Edges = dict[str, dict[str, list[str]]]  # package -> imported package -> importing modules


def module_name(path: Path) -> str:
    parts = ["lineage", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    package = ".".join(module.split(".")[:2])
    if module in TOP or module.endswith(".cli") or package in TOP_PACKAGES:
        return TOP_NAME
    return package


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those only run for a type checker."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from (n for child in node.orelse for n in (child, *_runtime_nodes(child)))
            continue
        yield node
        yield from _runtime_nodes(node)


def imported_modules(path: Path) -> Iterator[str]:
    """The `lineage` modules `path` imports at run time (`from a import b` may name
    module `a.b`: both count, so a package's `__init__` is never skipped)."""
    module = module_name(path)
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, path, node)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")
    anchor = package if path.name == "__init__.py" else package[:-1]
    anchor = anchor[: len(anchor) - node.level + 1]
    return ".".join([*anchor, *([node.module] if node.module else [])])


def package_edges() -> Edges:
    modules = {module_name(p): p for p in ROOT.rglob("*.py")}
    edges: Edges = defaultdict(lambda: defaultdict(list))
    for module, path in sorted(modules.items()):
        for imported in imported_modules(path):
            if imported not in modules:
                continue
            source, target = package_of(module), package_of(imported)
            if source != target and module not in edges[source][target]:
                edges[source][target].append(module)
    return edges


def reachable(edges: Edges, start: str) -> set[str]:
    """Every package `start` imports, directly or through others."""
    seen: set[str] = set()
    pending = list(edges.get(start, {}))
    while pending:
        package = pending.pop()
        if package not in seen:
            seen.add(package)
            pending += edges.get(package, {})
    return seen


def cycles(edges: Edges) -> list[list[str]]:
    """The groups of packages that import each other, directly or through others."""
    packages = sorted(set(edges) | {t for targets in edges.values() for t in targets})
    reach = {package: reachable(edges, package) for package in packages}
    groups = {
        tuple(sorted(p for p in reach[package] if package in reach[p]))
        for package in packages
        if package in reach[package]
    }
    return [list(group) for group in sorted(groups)]


def layers(edges: Edges) -> list[list[str]]:
    """Packages by layer, lowest first: a package sits one above the highest it imports."""
    packages = sorted(set(edges) | {t for targets in edges.values() for t in targets})
    level: dict[str, int] = {}

    def height(package: str, seen: frozenset[str] = frozenset()) -> int:
        if package not in level:
            below = [t for t in edges.get(package, {}) if t not in seen]
            level[package] = 1 + max((height(t, seen | {package}) for t in below), default=-1)
        return level[package]

    drawn: dict[int, list[str]] = defaultdict(list)
    for package in packages:
        drawn[height(package)].append(package.removeprefix("lineage."))
    return [drawn[n] for n in sorted(drawn)]


def describe(component: list[str], edges: Edges) -> str:
    lines = [" <-> ".join(component)]
    for source in component:
        for target in component:
            for module in edges.get(source, {}).get(target, []):
                lines.append(f"    {module} imports {target}")
    return "\n".join(lines)


def test_no_two_packages_import_each_other() -> None:
    edges = package_edges()
    for n, layer in enumerate(layers(edges)):
        print(f"layer {n}: {', '.join(layer)}")
    found = cycles(edges)
    assert not found, "packages importing each other:\n" + "\n".join(
        describe(c, edges) for c in found
    )


def test_the_walk_sees_function_level_imports(tmp_path: Path) -> None:
    """A function-level import counts; one under TYPE_CHECKING does not."""
    source = tmp_path / "probe.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from lineage.api.context import Context\n"
        "def f() -> None:\n    from lineage.assets import models\n",
        encoding="utf-8",
    )
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names = [n.module for n in _runtime_nodes(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert names == ["typing", "lineage.assets"]


def test_a_cycle_through_a_third_package_is_found() -> None:
    edges: Edges = {
        "a": {"b": ["a.x"]},
        "b": {"c": ["b.y"]},
        "c": {"a": ["c.z"]},
        "d": {"a": ["d.w"]},
    }
    assert cycles(edges) == [["a", "b", "c"]]
    assert layers({"d": {"a": ["d.w"]}}) == [["a"], ["d"]]


QUERY_NAME = re.compile(r"[a-z_]+(?:/[a-z_]+)+")


def query_names_used(path: Path, known: set[str]) -> Iterator[str]:
    """The string constants of a module that name a Cypher file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and QUERY_NAME.fullmatch(text) and text in known:
            yield text


def test_each_domain_names_only_its_own_queries() -> None:
    """A query in `cypher/<package>/` is named only by that package's modules (folders
    that are no package, such as `lineage/` or `migrations/`, belong to one user each)."""
    root = cypher_root()
    known = {str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.cypher")}
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    foreign = [
        f"{module_name(path)} names {name}"
        for path in ROOT.rglob("*.py")
        for name in query_names_used(path, known)
        if name.split("/")[0] in packages and name.split("/")[0] != module_name(path).split(".")[1]
    ]
    assert not foreign, "\n".join(foreign)
