"""Media made in the tests themselves: an MP4 encoded by PyAV (its FFmpeg), a 16-bit WAV
with silence then a tone, large noisy JPEGs that differ only in a comment."""

from __future__ import annotations

import io
import math
import os
import wave

import av
from PIL import Image


def mp4_bytes(
    size: tuple[int, int] = (320, 240), frames: int = 50, black_frames: int = 0, fps: int = 25
) -> bytes:
    """An H.264 MP4 whose first `black_frames` frames are black and the rest orange."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for index in range(frames):
            color = "black" if index < black_frames else "#ee7722"
            frame = av.VideoFrame.from_image(Image.new("RGB", size, color))
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def tone_wav(seconds: float = 2.0, rate: int = 16000, amplitude: float = 0.5) -> bytes:
    """16-bit mono: silence for the first half, a 440 Hz tone at `amplitude` after."""
    count = int(seconds * rate)
    samples = bytearray()
    for index in range(count):
        level = amplitude * math.sin(2 * math.pi * 440 * index / rate) if index >= count // 2 else 0
        samples += int(level * 32767).to_bytes(2, "little", signed=True)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(samples))
    return buffer.getvalue()


def noisy_jpeg(size: tuple[int, int]) -> bytes:
    """Random pixels at JPEG quality 95: about 1.2 bytes a pixel, the worst case for size."""
    noise = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def with_comment(jpeg: bytes, text: str) -> bytes:
    """The same picture with a JPEG comment after its start marker: other bytes, other hash."""
    comment = text.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]
