"""Media types from the bytes: what the studio accepts, claim checks, probed properties.

The type is sniffed from the first bytes (`filetype`), never taken from a name or a
header; a claimed media type, file extension or asset type must agree with it.
Properties come from Pillow (image size, after a full decode, which an image of more
pixels than the limit never reaches: Pillow's decompression-bomb guard, tightened),
mutagen (audio and video duration), the MP4/MOV track header (video frame size) and the
WebM segment header (frame size, duration); a file Pillow, mutagen or the WebM reader cannot
parse is refused as a mismatch.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import filetype  # type: ignore[import-untyped]
import mutagen
from PIL import Image

from lineage.files.errors import ImageTooLargeError, MediaMismatchError, UnsupportedMediaError
from lineage.files.models import AssetType, FileClaim
from lineage.files.mp4 import frame_size
from lineage.files.webm import read_info

SNIFF_BYTES = 8192
ISO_VIDEO = frozenset({"video/mp4", "video/quicktime"})
DEFAULT_MAX_PIXELS = 50_000_000
NO_CLAIM = frozenset({"", "application/octet-stream", "binary/octet-stream"})


@dataclass(frozen=True)
class MediaKind:
    """One accepted format: its served media type, stored extension and family."""

    media_type: str
    extension: str
    family: str
    aliases: frozenset[str] = frozenset()
    extensions: frozenset[str] = frozenset()

    def names_type(self, claimed: str) -> bool:
        return claimed == self.media_type or claimed in self.aliases

    def takes_extension(self, extension: str) -> bool:
        return extension == self.extension or extension in self.extensions


def _kind(media_type: str, ext: str, family: str, aliases: str = "", exts: str = "") -> MediaKind:
    return MediaKind(media_type, ext, family, frozenset(aliases.split()), frozenset(exts.split()))


# Keyed by the MIME type `filetype` reports.
KINDS: dict[str, MediaKind] = {
    "image/jpeg": _kind("image/jpeg", "jpg", "image", "image/jpg image/pjpeg", "jpeg jpe"),
    "image/png": _kind("image/png", "png", "image"),
    "image/webp": _kind("image/webp", "webp", "image"),
    "image/gif": _kind("image/gif", "gif", "image"),
    "audio/mpeg": _kind("audio/mpeg", "mp3", "audio", "audio/mp3 audio/mpeg3"),
    "audio/x-wav": _kind("audio/wav", "wav", "audio", "audio/x-wav audio/wave audio/vnd.wave"),
    "audio/ogg": _kind("audio/ogg", "ogg", "audio", "application/ogg audio/opus", "oga opus"),
    "audio/mp4": _kind("audio/mp4", "m4a", "audio", "audio/x-m4a audio/m4a"),
    "audio/aac": _kind("audio/aac", "aac", "audio", "audio/x-aac"),
    "video/mp4": _kind("video/mp4", "mp4", "video", exts="m4v"),
    "video/webm": _kind("video/webm", "webm", "video"),
    "video/quicktime": _kind("video/quicktime", "mov", "video", exts="qt"),
}
FAMILIES: dict[AssetType, str] = {
    AssetType.IMAGE: "image",
    AssetType.THUMBNAIL: "image",
    AssetType.VIDEO: "video",
    AssetType.AUDIO: "audio",
    AssetType.MUSIC: "audio",
}
ACCEPTED = "JPEG, PNG, WebP, GIF, MP3, WAV, Ogg, M4A, AAC, MP4, WebM or MOV"


@dataclass(frozen=True)
class Probe:
    """Properties read from the file; None where the format or library says nothing."""

    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


def sniff(path: Path) -> MediaKind:
    """The accepted kind of the file's bytes, or UnsupportedMediaError."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head:
        raise UnsupportedMediaError("the file is empty")
    guess = filetype.guess(head)
    kind = KINDS.get(guess.mime) if guess else None
    if kind is None:
        found = guess.mime if guess else "unrecognised bytes"
        raise UnsupportedMediaError(f"{found} is not media the studio makes ({ACCEPTED})")
    return kind


def check_claim(kind: MediaKind, claim: FileClaim) -> None:
    """Refuse when the claimed asset type, media type or extension contradicts the bytes."""
    if FAMILIES[claim.asset_type] != kind.family:
        raise MediaMismatchError(
            f"the bytes are {kind.media_type}, not a file for a {claim.asset_type} asset"
        )
    claimed = (claim.media_type or "").split(";")[0].strip().lower()
    if claimed not in NO_CLAIM and not kind.names_type(claimed):
        raise MediaMismatchError(f"claimed {claimed} but the bytes are {kind.media_type}")
    extension = PurePosixPath(claim.filename or "").suffix.lower().lstrip(".")
    if extension and not kind.takes_extension(extension):
        raise MediaMismatchError(f"a .{extension} name for {kind.media_type} bytes")


def probe(path: Path, kind: MediaKind, max_pixels: int = DEFAULT_MAX_PIXELS) -> Probe:
    """Image size or media duration; MediaMismatchError when the bytes do not decode,
    ImageTooLargeError (before decoding) for an image of more than `max_pixels`."""
    if kind.family == "image":
        return _probe_image(path, kind, max_pixels)
    if kind.media_type == "video/webm":
        return _probe_webm(path, kind)
    return _probe_timed(path, kind)


def _probe_image(path: Path, kind: MediaKind, max_pixels: int) -> Probe:
    try:
        with warnings.catch_warnings():
            # our own limit, checked before decoding, replaces Pillow's bomb warning
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size  # from the header: nothing decoded yet
                _check_pixels(width, height, max_pixels)
                image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise MediaMismatchError(
            f"not a readable {kind.media_type} image: {_reason(exc, path)}"
        ) from exc
    return Probe(width=width, height=height)


def _probe_timed(path: Path, kind: MediaKind) -> Probe:
    try:
        parsed = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError) as exc:
        raise MediaMismatchError(
            f"not a readable {kind.media_type} file: {_reason(exc, path)}"
        ) from exc
    length = getattr(getattr(parsed, "info", None), "length", None)
    width, height = _frame_size(path) if kind.media_type in ISO_VIDEO else (None, None)
    return Probe(width, height, float(length) if length else None)


def _probe_webm(path: Path, kind: MediaKind) -> Probe:
    try:
        with path.open("rb") as handle:
            info = read_info(handle)
    except (OSError, ValueError, struct.error) as exc:
        raise MediaMismatchError(
            f"not a readable {kind.media_type} file: {_reason(exc, path)}"
        ) from exc
    if not info.has_tracks:
        raise MediaMismatchError(f"not a readable {kind.media_type} file: no tracks")
    return Probe(info.width, info.height, info.duration_seconds)


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width * height > max_pixels:
        raise ImageTooLargeError(
            f"the image has {width} x {height} = {width * height} pixels; "
            f"the limit is {max_pixels} (LINEAGE_MAX_IMAGE_PIXELS)"
        )


def _reason(exc: Exception, path: Path) -> str:
    """A library's message without the server's path of the file (it may reach a client)."""
    return str(exc).replace(str(path), path.name) or type(exc).__name__


def _frame_size(path: Path) -> tuple[int | None, int | None]:
    try:
        return frame_size(path) or (None, None)
    except (OSError, struct.error):
        return None, None
