"""The first screen's modules as one module file, and the import map that names it.

The page's script (`app.js`) and every module it imports statically are joined into one
module, in the order a browser runs them, each in its own function scope (its names stay
its own), its imports read from the scopes of the modules before it, its exports exported
again by the whole. The import map sends each of their URLs to that one file, so the page
fetches one module instead of six, and a view fetched later, which imports the same
modules by their URLs, gets the very same instances (one `ApiError`, one set of answers).

Only the module syntax the studio uses is handled: `import { a, b as c } from "./x.js";`
and `export` before a `function`, `async function`, `class` or `const`; anything else is
refused when the bundle is made (so at start, and in the tests), never mistranslated.
So is `import(...)` or `import.meta` in any module but `app.js`: they resolve against the
running file's URL, which is `app.js`'s directory only for `app.js`.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

ENTRY = "app.js"
URL = "/web/first-screen.js"  # beside app.js: its import()s of the views resolve as its own
STATIC_URL = "/web/"
IMPORT = re.compile(r'^import \{([^}]*)\} from "(\.[^"]+)";\n', re.MULTILINE)
EXPORTED = re.compile(r"^export ((?:async function|function|class|const) (\w+))", re.MULTILINE)
MODULE_SYNTAX = re.compile(r"^(?:import|export)\b.*", re.MULTILINE)
NAME = re.compile(r"^(\w+)(?: as (\w+))?$")
URL_RELATIVE = re.compile(r"\bimport\s*(?:\(|\.\s*meta\b)")


@dataclass(frozen=True)
class Bundle:
    """`script`: the module file's text; `import_map`: the map's JSON text, every joined
    module's URL to `URL`; `modules`: the joined modules, paths under `static/`."""

    script: str
    import_map: str
    modules: tuple[str, ...]


def bundle(read: Callable[[str], str]) -> Bundle:
    """The bundle of `ENTRY` and its static imports; `read` gives a module's text by its
    path under `static/`. ValueError names a module whose syntax is not handled, or a
    name two modules both export."""
    order: list[str] = []
    _visit(ENTRY, read, order, set())
    exported: dict[str, str] = {}
    parts = []
    for module in order:
        names, part = _scoped(module, read(module))
        for name in names:
            if name in exported:
                raise ValueError(f"{module} and {exported[name]} both export {name}")
            exported[name] = module
        parts.append(part)
    for module in order:
        names = [name for name, source in exported.items() if source == module]
        if names:
            parts.append(f"export const {{ {', '.join(names)} }} = {_scope(module)};\n")
    urls = {STATIC_URL + module: URL for module in order}
    import_map = json.dumps({"imports": urls}, separators=(",", ":"))
    return Bundle("".join(parts), import_map, tuple(order))


def _visit(module: str, read: Callable[[str], str], order: list[str], seen: set[str]) -> None:
    """Depth first, dependencies before the module that imports them (as a browser runs
    them; the studio's imports have no cycle)."""
    seen.add(module)
    for _, relative in IMPORT.findall(read(module)):
        target = _resolved(module, relative)
        if target not in seen:
            _visit(target, read, order, seen)
    order.append(module)


def _scoped(module: str, text: str) -> tuple[list[str], str]:
    """The module's exported names, and its text in a function scope returning them."""
    imports = [
        f"const {{ {_bindings(names)} }} = {_scope(_resolved(module, relative))};\n"
        for names, relative in IMPORT.findall(text)
    ]
    body = EXPORTED.sub(r"\1", IMPORT.sub("", text))
    leftover = MODULE_SYNTAX.search(body) or (module != ENTRY and URL_RELATIVE.search(body))
    if leftover:
        raise ValueError(f"{module}: the first screen's bundle cannot join {leftover[0]!r}")
    names = [name for _, name in EXPORTED.findall(text)]
    returned = f"return {{ {', '.join(names)} }};\n" if names else ""
    opened = f"// {module}\nconst {_scope(module)} = (() => {{\n"
    return names, f"{opened}{''.join(imports)}{body}{returned}}})();\n"


def _bindings(names: str) -> str:
    """`a, b as c` as destructuring: `a, b: c`."""
    found = []
    for name in (part.strip() for part in names.split(",") if part.strip()):
        match = NAME.match(name)
        if match is None:
            raise ValueError(f"an import the first screen's bundle cannot join: {name!r}")
        found.append(match[1] if match[2] is None else f"{match[1]}: {match[2]}")
    return ", ".join(found)


def _resolved(module: str, relative: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(module), relative))


def _scope(module: str) -> str:
    """The constant holding a module's exports: `views/catalog.js` -> `$views_catalog`."""
    return "$" + re.sub(r"\W", "_", module.removesuffix(".js"))
