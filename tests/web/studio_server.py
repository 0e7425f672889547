"""The studio served alone in its own process, as `lineage serve` serves it, for the
first-screen benchmark: `python -m tests.web.studio_server PORT`, its settings as JSON on
stdin, the development key's token read from their `dev_key_file`."""

from __future__ import annotations

import sys

import uvicorn

from lineage.app import create_app
from lineage.settings import Settings


def serve(port: int, settings: Settings) -> None:
    token = settings.dev_key_file.read_text().strip()
    uvicorn.run(create_app(settings, token), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    serve(int(sys.argv[1]), Settings.model_validate_json(sys.stdin.buffer.read()))
