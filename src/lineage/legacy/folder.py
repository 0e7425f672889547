"""The legacy folder's layout: where each part lives, and whether a path is one at all.

Only the known parts are read; anything else (the service's own `catalog/`, READMEs,
`.gitkeep`) is never scanned. A part that is a symbolic link leading out of the tree
(an index file, a project folder or file) is refused and reported, never read, as
media links are (the file store copies only from inside the tree).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lineage.legacy.errors import NotAFliGenFolderError
from lineage.legacy.report import Problem, Tally

IGNORED_NAMES = frozenset({"catalog"})
LOOSE_MEDIA = {"audio": "audio", "images": "image", "video": "video"}


@dataclass(frozen=True)
class LegacyFolder:
    """A FliGen `assets/` folder."""

    root: Path

    @property
    def projects(self) -> Path:
        return self.root / "projects"

    @property
    def shot_index(self) -> Path:
        return self.root / "shot-list" / "index.json"

    @property
    def video_index(self) -> Path:
        return self.root / "video-scenes" / "index.json"

    @property
    def music_index(self) -> Path:
        return self.root / "music-library" / "index.json"

    @property
    def fox_story(self) -> Path:
        return self.root / "fox-story"

    def markers(self) -> list[Path]:
        return [
            self.projects,
            self.shot_index,
            self.video_index,
            self.music_index,
            self.fox_story,
        ]

    def project_folders(self) -> list[Path]:
        if not self.projects.is_dir():
            return []
        return sorted(p for p in self.projects.iterdir() if p.is_dir() and _visible(p))

    def admits(self, path: Path, tally: Tally) -> bool:
        """Whether `path`, links followed, stays inside the tree (reported when not)."""
        if path.resolve().is_relative_to(self.root):
            return True
        where = path.relative_to(self.root).as_posix()
        message = f"{where} is a link out of the legacy folder; not read"
        tally.add(Problem.OUTSIDE_TREE, path, message)
        return False

    def loose_media(self) -> Iterator[tuple[str, Path]]:
        """(asset type, file) of every media file of the hard-coded story folder."""
        for folder, asset_type in LOOSE_MEDIA.items():
            place = self.fox_story / folder
            if place.is_dir():
                for path in sorted(place.iterdir()):
                    if path.is_file() and _visible(path):
                        yield asset_type, path


def open_folder(path: Path) -> LegacyFolder:
    """The legacy folder at `path`, or NotAFliGenFolderError saying what was expected."""
    root = Path(path)
    if not root.is_dir():
        raise NotAFliGenFolderError(f"{str(root)!r} is not a folder")
    folder = LegacyFolder(root.resolve())
    if root.name in IGNORED_NAMES or not any(m.exists() for m in folder.markers()):
        expected = ", ".join(m.relative_to(folder.root).as_posix() for m in folder.markers())
        raise NotAFliGenFolderError(
            f"{str(root)!r} is not a FliGen assets folder (expected at least one of: {expected})"
        )
    return folder


def media_files(index: Path) -> list[Path]:
    """The files beside an index (what its records may name)."""
    return sorted(p for p in index.parent.iterdir() if p.is_file() and _visible(p) and p != index)


def named_beside(index: Path, filename: Any) -> Path | None:
    """The path of the file a record names beside its index, only when the record
    names it by a plain file name (no folder part, not `.` or `..`)."""
    if not isinstance(filename, str) or filename in {"", ".", ".."} or "/" in filename:
        return None
    return index.parent / filename


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name not in IGNORED_NAMES
