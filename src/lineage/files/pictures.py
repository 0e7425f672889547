"""Small pictures of stored media: a downscaled image, a video's poster frame, as WebP.

Memory stays bounded whatever the original: an image's pixel count is checked from its
header before anything is decoded (`max_pixels`, as the store checks it), a JPEG is
decoded already reduced (Pillow's `draft`, libjpeg's DCT scaling: a 24-megapixel
photo decodes at an eighth of its size for a 320-pixel preview), and a video is
decoded a frame at a time, at most `MAX_POSTER_FRAMES` frames. A picture is never
upscaled. Anything the libraries cannot read raises `UnreadableMediaError` with the
reason.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import av
from PIL import Image, ImageOps, ImageStat

from lineage.files.media import DEFAULT_MAX_PIXELS

MEDIA_TYPE = "image/webp"
WEBP_QUALITY = 75
WEBP_METHOD = 4  # libwebp's speed/size trade-off (0 fast .. 6 small)
POSTER_AT_SECONDS = 1.0  # a poster frame comes from here, or 10% in for a shorter video
POSTER_SHARE = 0.1
MAX_POSTER_FRAMES = 120  # decoded after the seek before giving up on a non-black frame
DARK_LEVEL = 12  # a frame whose brightest channel mean is below this is taken for black


class UnreadableMediaError(Exception):
    """The original cannot be made into a picture: why, in words fit for a log."""


class TooManyPixelsError(UnreadableMediaError):
    """More pixels than the limit, found from the header alone (nothing decoded)."""


def image_preview(path: Path, longest: int, max_pixels: int = DEFAULT_MAX_PIXELS) -> Image.Image:
    """The image at `path`, at most `longest` pixels on its longest side."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                _check_pixels(image.size, max_pixels)
                image.draft("RGB", _target(image.size, longest))
                image.load()
                upright = ImageOps.exif_transpose(image)
                return _fitted(upright, longest)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        raise UnreadableMediaError(f"not a readable image: {exc}") from exc


def video_poster(path: Path, longest: int, max_pixels: int = DEFAULT_MAX_PIXELS) -> Image.Image:
    """A frame near the start of the video at `path` (not a black one where the first
    `MAX_POSTER_FRAMES` after the poster time have another), fitted to `longest`."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise UnreadableMediaError("the file has no video track")
            stream = container.streams.video[0]
            _check_pixels((stream.codec_context.width, stream.codec_context.height), max_pixels)
            _seek_to_poster(container, stream)
            return _fitted(_first_bright_frame(container, stream), longest)
    except (av.FFmpegError, ValueError, IndexError) as exc:
        raise UnreadableMediaError(f"not a readable video: {exc}") from exc


def webp_bytes(picture: Image.Image) -> bytes:
    """The picture as a lossy WebP (alpha kept)."""
    buffer = io.BytesIO()
    picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return buffer.getvalue()


def _seek_to_poster(container: av.container.InputContainer, stream: av.VideoStream) -> None:
    duration = _duration_seconds(container, stream)
    at = POSTER_AT_SECONDS if duration is None else min(POSTER_AT_SECONDS, duration * POSTER_SHARE)
    if at > 0 and stream.time_base is not None:
        container.seek(int(at / stream.time_base), stream=stream, backward=True)


def _duration_seconds(
    container: av.container.InputContainer, stream: av.VideoStream
) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _first_bright_frame(
    container: av.container.InputContainer, stream: av.VideoStream
) -> Image.Image:
    """The first decoded frame that is not black, else the first frame decoded."""
    first: Image.Image | None = None
    for count, frame in enumerate(container.decode(stream)):
        picture: Image.Image = frame.to_image()  # type: ignore[no-untyped-call]
        if not _is_dark(picture):
            return picture
        first = first or picture
        if count + 1 >= MAX_POSTER_FRAMES:
            break
    if first is None:
        raise UnreadableMediaError("no frame of the video decodes")
    return first


def _is_dark(picture: Image.Image) -> bool:
    small = picture.reduce(8) if min(picture.size) >= 8 else picture
    return max(ImageStat.Stat(small.convert("RGB")).mean) < DARK_LEVEL


def _fitted(picture: Image.Image, longest: int) -> Image.Image:
    """A copy at most `longest` pixels on its longest side, never larger than it was."""
    mode = (
        "RGBA" if picture.mode in {"RGBA", "LA", "PA"} or "transparency" in picture.info else "RGB"
    )
    fitted = picture.convert(mode)
    fitted.thumbnail((longest, longest), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return fitted


def _target(size: tuple[int, int], longest: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, longest / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _check_pixels(size: tuple[int, int], max_pixels: int) -> None:
    width, height = size
    if width * height > max_pixels:
        raise TooManyPixelsError(
            f"{width} x {height} = {width * height} pixels; the limit is {max_pixels} "
            "(LINEAGE_MAX_IMAGE_PIXELS)"
        )
