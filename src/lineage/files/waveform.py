"""A sound file's waveform: peak amplitudes, 0 (silence) to 1 (full scale), over time.

The audio is decoded a frame at a time (PyAV), mixed to mono 16-bit at `RATE` Hz, and
each block of `BLOCK_SAMPLES` samples keeps its peak; the blocks are then folded into
`STORED_POINTS` equal spans, which are cached, and folded again into the number of
points a client asks for. Memory: one decoded frame and one float per block (a one-hour
narration keeps 360k floats).
"""

from __future__ import annotations

from array import array
from itertools import pairwise
from pathlib import Path

import av

from lineage.files.pictures import UnreadableMediaError

RATE = 8000
BLOCK_SAMPLES = 80  # 10 ms at RATE
STORED_POINTS = 512
FULL_SCALE = 32768.0


def waveform(path: Path) -> list[float]:
    """`STORED_POINTS` peaks of the audio at `path`."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise UnreadableMediaError("the file has no audio track")
            blocks = _block_peaks(container, container.streams.audio[0])
    except av.FFmpegError as exc:
        raise UnreadableMediaError(f"not a readable sound: {exc}") from exc
    if not blocks:
        raise UnreadableMediaError("no audio frame decodes")
    return fold(blocks, STORED_POINTS)


def fold(peaks: list[float], points: int) -> list[float]:
    """`points` peaks, each the largest of its equal span of `peaks` (fewer peaks than
    points are stretched: a span then holds one peak, repeated)."""
    starts = [i * len(peaks) // points for i in range(points + 1)]
    return [max(peaks[start : max(end, start + 1)]) for start, end in pairwise(starts)]


def _block_peaks(container: av.container.InputContainer, stream: av.AudioStream) -> list[float]:
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    samples = array("h")
    peaks: list[float] = []
    for frame in container.decode(stream):
        for mono in resampler.resample(frame):
            samples.frombytes(bytes(mono.planes[0])[: mono.samples * 2])
            peaks.extend(_drain(samples, whole_blocks_only=True))
    for mono in resampler.resample(None):
        samples.frombytes(bytes(mono.planes[0])[: mono.samples * 2])
    peaks.extend(_drain(samples, whole_blocks_only=False))
    return peaks


def _drain(samples: array[int], *, whole_blocks_only: bool) -> list[float]:
    """The peaks of the buffered blocks, removed from the buffer (a partial last block
    stays unless `whole_blocks_only` is False)."""
    end = len(samples) - len(samples) % BLOCK_SAMPLES if whole_blocks_only else len(samples)
    peaks = [
        max(abs(max(block)), abs(min(block))) / FULL_SCALE
        for start in range(0, end, BLOCK_SAMPLES)
        if (block := samples[start : start + BLOCK_SAMPLES])
    ]
    del samples[:end]
    return [min(1.0, peak) for peak in peaks]
