"""`Ctx`: the `info` every resolver takes, typed with the request context.

The request context (`lineage.api.context`) is wiring: it builds every domain's
services and loaders, so it sits on top of them all. A resolver's domain must not
import it, and needs only its type: the type checker sees `Info[Context, None]`,
the running code plain `Info` (strawberry knows `info` by that class), so no domain
imports the wiring (tests/unit/test_package_layers.py checks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from strawberry.types import Info

if TYPE_CHECKING:
    from lineage.api.context import Context

    Ctx: TypeAlias = Info[Context, None]
else:
    Ctx = Info
