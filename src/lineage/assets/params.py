"""The limits of a generation's `params`: JSON values Neo4j and every client can read back.

`params` is free-form JSON, kept whole as `paramsJson` and partly promoted to node
properties. So it must be plain JSON (no `NaN` or `Infinity`, which neither JSON nor a
client's parser accepts), integers must fit Neo4j's 64 bits, and its size and nesting
are bounded (`LINEAGE_MAX_PARAMS_BYTES`, `LINEAGE_MAX_PARAMS_DEPTH`). Each refusal is
an `InvalidInputError` naming the value's place, e.g. `params.sampler.steps[2]`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from lineage.errors import InvalidInputError

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class ParamsLimits:
    max_bytes: int = 64 * 1024
    max_depth: int = 16


def check_params(params: dict[str, Any], limits: ParamsLimits) -> None:
    """InvalidInputError at the first value that breaks a rule (see the module docstring)."""
    pending: list[tuple[Any, str, int]] = [(params, "params", 0)]
    while pending:
        value, place, depth = pending.pop()
        if isinstance(value, dict | list) and depth >= limits.max_depth:
            raise InvalidInputError(
                f"{place}: params are nested deeper than {limits.max_depth} levels"
            )
        if isinstance(value, dict):
            pending += [(item, f"{place}.{key}", depth + 1) for key, item in value.items()]
        elif isinstance(value, list):
            pending += [(item, f"{place}[{n}]", depth + 1) for n, item in enumerate(value)]
        else:
            _check_scalar(value, place)
    size = len(json.dumps(params, ensure_ascii=False).encode())
    if size > limits.max_bytes:
        raise InvalidInputError(
            f"params take {size} bytes as JSON; the limit is {limits.max_bytes}"
        )


def _check_scalar(value: Any, place: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInputError(f"{place}: {value} is not a JSON number (NaN and Infinity are not)")
    if isinstance(value, int) and not isinstance(value, bool):
        if not INT64_MIN <= value <= INT64_MAX:
            raise InvalidInputError(f"{place}: {value} does not fit in a 64-bit integer")
    elif not isinstance(value, str | float | bool | None):
        raise InvalidInputError(f"{place}: {type(value).__name__} is not a JSON value")
