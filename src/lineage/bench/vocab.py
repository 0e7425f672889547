"""What generated assets look like: providers, models, parameters, prompt texts, times.

Pure functions of a `random.Random`, so a seed always gives the same graph.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from typing import Any

from lineage.assets.models import ID_PREFIX, promoted_params
from lineage.models import AssetType

Row = dict[str, Any]

MODELS: dict[str, list[tuple[str, str, float]]] = {
    # kind of attempt: [(provider, model, estimated cost)]
    "shot": [
        ("fal", "Flux Pro v1.1", 0.05),
        ("kie", "nano-banana", 0.02),
        ("fal", "seedream-v4", 0.03),
    ],
    "edit": [("fal", "flux-kontext-pro", 0.04), ("kie", "nano-banana-edit", 0.02)],
    "scene": [("fal", "wan-flf2v", 0.12), ("kie", "veo3-fast", 0.4), ("fal", "kling-v2.1", 0.28)],
    "cut": [("local", "ffmpeg-concat", 0.0)],
    "narration": [("elevenlabs", "eleven_multilingual_v2", 0.09)],
    "music": [("suno", "chirp-v4", 0.1)],
    "thumbnail": [("fal", "ideogram-v3", 0.06)],
}
SUBJECTS = (
    "a lighthouse keeper",
    "a red fox",
    "an old fishing boat",
    "a neon night market",
    "a monk on a mountain path",
    "a child with a paper kite",
    "a rainy Bangkok street",
    "a desert caravan",
)
STYLES = ("cinematic lighting", "watercolor", "35mm film grain", "isometric", "golden hour")
THAI = ("ตลาดน้ำยามเช้า", "พระอาทิตย์ตกที่ทะเล", "เด็กเล่นว่าวกระดาษ", "ถนนกรุงเทพยามฝนตก")
ERRORS = ("provider timeout after 120s", "content policy rejection", "HTTP 502 from provider")
REFINERS = ("gpt-4o", "claude-sonnet-4", "gemini-2.5-flash")
VOICES = (("Rachel", "21m00Tcm4TlvDq8ikWAM"), ("Adam", "pNInz6obpgDQGcFmaJgB"))
BASE_EPOCH = 1_735_689_600  # 2025-01-01T00:00:00Z


def timestamp(seconds: float) -> str:
    """The studio's spelling of a time, from epoch seconds."""
    whole = int(seconds)
    millis = int((seconds - whole) * 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{millis:03d}Z"


def prompt_text(rng: random.Random, role: str) -> str:
    if rng.random() < 0.1:
        return f"{rng.choice(THAI)} ({role})"
    return f"{role}: {rng.choice(SUBJECTS)}, {rng.choice(STYLES)}, shot {rng.randint(1, 999)}"


def params_for(rng: random.Random, asset_type: AssetType) -> dict[str, Any]:
    """The type's own generation parameters, plus one the API keeps only in params."""
    if asset_type is AssetType.IMAGE:
        return {
            "width": 1920,
            "height": 1080,
            "seed": rng.randint(1, 2**31),
            "guidanceScale": rng.choice((3.5, 5.0, 7.5)),
            "aspectRatio": "16:9",
        }
    if asset_type is AssetType.VIDEO:
        return {"duration": rng.choice((5, 8, 10)), "fps": 24, "resolution": "1080p"}
    if asset_type is AssetType.AUDIO:
        voice, voice_id = rng.choice(VOICES)
        seconds = round(rng.uniform(20, 90), 1)
        return {"voice": voice, "voiceId": voice_id, "durationSeconds": seconds, "format": "mp3"}
    if asset_type is AssetType.MUSIC:
        return {
            "styleTags": rng.sample(["ambient", "cinematic", "lofi", "piano", "thai-folk"], 2),
            "modelVersion": "v4.5",
            "format": "mp3",
            "bpm": rng.randint(70, 130),
            "instrumental": True,
        }
    return {
        "template": rng.choice(("bold-title", "split-frame")),
        "textOverlays": ["EPISODE", str(rng.randint(1, 40))],
        "composition": "rule-of-thirds",
    }


def file_fields(asset_id: str, asset_type: AssetType, provider: str, created: float) -> Row:
    """The catalog file of a ready attempt, as the API records it."""
    digest = hashlib.sha256(asset_id.encode()).hexdigest()
    stem = ID_PREFIX[asset_type] if asset_type is not AssetType.MUSIC else "aud"
    ext = {"image": "jpg", "video": "mp4", "thumbnail": "png"}.get(asset_type.value, "mp3")
    media = {"jpg": "image/jpeg", "png": "image/png", "mp4": "video/mp4", "mp3": "audio/mpeg"}
    filename = f"{stem}-{int(created * 1000)}-{provider}-{digest[:6]}.{ext}"
    ref = f"{asset_type.value}/{filename}"
    return {
        "filename": filename,
        "url": f"/files/{ref}",
        "fileRef": ref,
        "fileSha256": digest,
        "fileSizeBytes": int(digest[:5], 16) * 8 + 40_000,
        "mediaType": media[ext],
    }


def asset_props(
    rng: random.Random,
    kind: str,
    asset_type: AssetType,
    attempt: dict[str, Any],
) -> Row:
    """Every property `recordGeneration` (+ `completeGeneration`) writes on an attempt.

    `attempt`: id, slot, slotKey, version, status, created and completed (epoch s), isCurrent,
    name, prompt, projectCode.
    """
    provider, model, cost = rng.choice(MODELS[kind])
    params = params_for(rng, asset_type)
    created, completed = attempt["created"], attempt["completed"]
    row: Row = {
        **promoted_params(asset_type, params),
        "id": attempt["id"],
        "type": asset_type.value,
        "provider": provider,
        "model": model,
        "status": attempt["status"],
        "name": attempt["name"],
        "createdAt": timestamp(created),
        "estimatedCost": cost,
        "generationTimeMs": int((completed - created) * 1000),
        "slot": attempt["slot"],
        "slotKey": attempt["slotKey"],
        "version": attempt["version"],
        "isCurrent": attempt["isCurrent"],
        "paramsJson": json.dumps(params, ensure_ascii=False, sort_keys=True),
    }
    optional = {"prompt": attempt["prompt"], "projectCode": attempt["projectCode"]}
    row.update({k: v for k, v in optional.items() if v is not None})
    if attempt["status"] == "ready":
        row["completedAt"] = row["currentSince"] = timestamp(completed)
        row.update(file_fields(attempt["id"], asset_type, provider, created))
    else:
        row["error"] = rng.choice(ERRORS)
    return row
