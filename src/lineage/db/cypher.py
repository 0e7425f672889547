"""The one place a Cypher file becomes a `neo4j.Query`.

Queries live in the top-level `cypher/` folder (shipped inside the wheel as
`lineage/cypher`), one statement per file, named `<domain>/<verb>_<noun>`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from neo4j import Query

from lineage.errors import LineageError


def cypher_root() -> Path:
    """`lineage/cypher` inside an installed wheel, else the repo's `cypher/`."""
    packaged = Path(str(resources.files("lineage"))) / "cypher"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "cypher"


JOINED = " + "


def composed(*parts: str) -> str:
    """The name of the statement made of these fragments, in order (each a file whose
    header says what must come before and after it); `load` joins their texts."""
    return JOINED.join(parts)


class Ending(NamedTuple):
    """The last fragment of a composed statement and its parameters: one domain's
    repository runs its change, and ends the statement with another domain's part,
    which that domain names (each names only its own queries); `changed_ids` reads
    from the statement's result row the ids of the nodes the change changed (none when
    the change was refused)."""

    name: str
    params: dict[str, Any]
    changed_ids: Callable[[dict[str, Any]], list[str]]


@cache
def load_text(name: str) -> str:
    """The text of `cypher/<name>.cypher` without its header comments; of each part in
    turn for a `composed` name."""
    if JOINED in name:
        return "\n".join(load_text(part) for part in name.split(JOINED))
    path = cypher_root() / f"{name}.cypher"
    if not path.is_file():
        raise LineageError(f"no Cypher file named {name!r} (looked for {path.name})")
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip()


@cache
def load(name: str) -> Query:
    """The named query, tagged so `SHOW TRANSACTIONS` names it."""
    return Query(load_text(name), metadata={"query": name})


def names(folder: str) -> list[str]:
    """Every query name under `cypher/<folder>/`, sorted."""
    root = cypher_root()
    return sorted(
        str(p.relative_to(root).with_suffix("")) for p in (root / folder).glob("*.cypher")
    )
