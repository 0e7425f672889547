"""What every CLI command shares: the consoles and the one-line error policy."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from lineage.errors import LineageError

out = Console()
err = Console(stderr=True)
P = ParamSpec("P")
R = TypeVar("R")
_debug = {"on": False}


def set_debug(on: bool) -> None:
    """With debug on, errors keep their traceback."""
    _debug["on"] = on


def clear_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a LineageError into one line and exit 1 (tracebacks only with --debug)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except LineageError as exc:
            if _debug["on"]:
                raise
            err.print(f"[red]error:[/red] {exc.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper
