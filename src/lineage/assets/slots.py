"""Slots: the numbered attempts of one thing (a shot, a scene), within one namespace.

A slot is identified by its namespace and its name, spelled as one key
(`slotKey` on every attempt): a project's slots live in `project:<code>`, the
slots of a legacy tree imported without a project in `legacy:<hash of its root>`,
and assets recorded with neither in `none`. So two projects' `shot-001` are two
slots, two legacy trees do not merge, and nothing regenerates across projects.
Namespaces never contain `/` (project codes cannot), so a key splits at its
first `/`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

NO_PROJECT = "none"
SEPARATOR = "/"


def project_namespace(project_code: str | None) -> str:
    """The namespace of the slots of a project (or of assets recorded without one)."""
    return f"project:{project_code}" if project_code else NO_PROJECT


def legacy_namespace(root: Path) -> str:
    """The namespace of the project-less slots of the legacy tree at `root`."""
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"legacy:{digest}"


def slot_key(namespace: str, name: str) -> str:
    return f"{namespace}{SEPARATOR}{name}"


def namespace_of(key: str) -> str:
    return key.split(SEPARATOR, 1)[0]


def name_of(key: str) -> str:
    return key.split(SEPARATOR, 1)[1]
