"""The asset file store: every generated file's bytes, stored once, never overwritten.

store.py     FileStore (the interface) and LocalFileStore (the disk)
models.py    FileClaim in, StoredFile and FileCheck out
media.py     type sniffing, claim checks, probed properties (mp4.py, webm.py: frame sizes)
naming.py    unique readable names      layout.py  folders and refs
staging.py   streamed, hashed writes    durable.py fsync and no-overwrite links
remote.py    streamed http(s) downloads for `copy_from_url`
http.py      POST /files and GET /files/{ref}
verify.py    `verify_catalog`: every asset's file checked, broken ones marked on the graph
cli.py       `lineage verify`
errors.py    the store's branches of the LineageError tree
"""

from __future__ import annotations

from lineage.files.models import AssetType, FileCheck, FileClaim, StoredFile
from lineage.files.store import FileStore, LocalFileStore, Recovery

__all__ = [
    "AssetType",
    "FileCheck",
    "FileClaim",
    "FileStore",
    "LocalFileStore",
    "Recovery",
    "StoredFile",
]
