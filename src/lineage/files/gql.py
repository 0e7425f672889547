"""GraphQL types of derived files: `Preview` and `PreviewSize`, and the waveform's bounds."""

from __future__ import annotations

import strawberry

from lineage.errors import InvalidInputError
from lineage.files.derived import LONGEST_SIDE, DerivedFile
from lineage.files.derived import PreviewSize as Size

MIN_WAVEFORM_POINTS = 8
MAX_WAVEFORM_POINTS = 512


PreviewSize = strawberry.enum(
    Size,
    name="PreviewSize",
    description=(
        f"How large a preview is, never upscaled: GRID at most {LONGEST_SIDE[Size.GRID]} "
        f"pixels on its longest side (a grid's thumbnail), DETAIL at most "
        f"{LONGEST_SIDE[Size.DETAIL]} (a detail view)."
    ),
)


@strawberry.type(
    name="Preview",
    description=(
        "A small picture made from an asset's file (a downscaled image, a video's poster "
        "frame), once per file content, kept beside the catalog: the original is never "
        "changed and stays at `Asset.signedUrl`."
    ),
)
class PreviewNode:
    url: str = strawberry.field(
        description=(
            "Absolute signed URL, as `Asset.signedUrl`'s (GET and HEAD without an API key "
            "until it expires, in an hour)."
        )
    )
    width: int
    height: int
    media_type: str = strawberry.field(description="image/webp")
    size_bytes: int

    @classmethod
    def of(cls, derived: DerivedFile, url: str) -> PreviewNode:
        return cls(
            url=url,
            width=derived.width,
            height=derived.height,
            media_type=derived.media_type,
            size_bytes=derived.size_bytes,
        )


def check_points(points: int) -> int:
    """INVALID_INPUT naming `points` unless it is within the waveform's bounds."""
    if not MIN_WAVEFORM_POINTS <= points <= MAX_WAVEFORM_POINTS:
        raise InvalidInputError(
            f"points must be {MIN_WAVEFORM_POINTS} to {MAX_WAVEFORM_POINTS}, got {points}"
        )
    return points
