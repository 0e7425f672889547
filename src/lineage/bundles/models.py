"""What a bundle holds: its manifest, and the graph as lines of nodes and edges.

A bundle is one uncompressed tar file, its members in this order (format version 3):

    files/<sha256>         every file once, named by the SHA-256 of its bytes, in the order
                           the graph's nodes first name them
    graph/nodes.jsonl      one node a line: members of the scope, then outside references
    graph/edges.jsonl      one edge a line, in the order of the nodes they leave
    prov.json              the same graph as a W3C PROV-JSON document (its records name
                           the nodes; their properties are in nodes.jsonl only)
    manifest.json          format version, source, scope, counts, the graph members' hashes

The manifest comes last so that an export can write the files while it still reads
the graph. Older bundles are still imported: version 2 differs only in `prov.json`
(every node property repeated as an attribute), version 1 also holds the manifest first
and the files in hash order.

Every line and member is written in a fixed order with fixed tar headers, so the
same graph always gives the same bytes.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from lineage.models import Model

FORMAT = "lineage-bundle"
FORMAT_VERSION = 3
MANIFEST_FIRST_VERSION = 1  # the last version whose manifest comes first
MANIFEST = "manifest.json"
NODES = "graph/nodes.jsonl"
EDGES = "graph/edges.jsonl"
PROV = "prov.json"
FILES_PREFIX = "files/"
KINDS = ("Project", "Asset", "Prompt", "Workflow")


class ScopeKind(StrEnum):
    PROJECT = "project"
    UPSTREAM = "upstream"


class BundleScope(Model):
    """What was exported: a whole project, or one asset and everything upstream of it."""

    kind: ScopeKind
    project_code: str | None = None
    asset_id: str | None = None


class MemberDigest(Model):
    sha256: str
    bytes: int


class Reference(Model):
    """A node outside the scope that a node of the scope points at (imported as a stub
    when the target lacks it)."""

    kind: str
    id: str
    project_code: str | None = None


class Manifest(Model):
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    source_instance: str
    scope: BundleScope
    created_at: str = Field(description="the newest time recorded in the exported graph")
    counts: dict[str, int]
    members: dict[str, MemberDigest]
    outside_references: list[Reference] = []
    missing_files: list[str] = []
