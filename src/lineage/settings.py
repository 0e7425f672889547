"""Settings: the only reader of the environment (and of an optional `.env`)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AliasChoices,
    Field,
    IPvAnyNetwork,
    SecretStr,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# What `LINEAGE_PROFILE` turns on or off unless a variable says otherwise.
DEVELOPER_TOOLS = ("graphiql", "introspection", "field_suggestions")


def _env(name: str) -> AliasChoices:
    """Accept both `NEO4J_X` (the Neo4j convention) and `LINEAGE_NEO4J_X`."""
    return AliasChoices(name, f"LINEAGE_{name}")


class Settings(BaseSettings):
    """Every knob of the service, read from `LINEAGE_*` / `NEO4J_*` variables."""

    model_config = SettingsConfigDict(
        env_prefix="LINEAGE_", env_file=".env", extra="ignore", populate_by_name=True
    )

    neo4j_uri: str | None = Field(default=None, validation_alias=_env("NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=_env("NEO4J_USER"))
    neo4j_password: str = Field(
        default="lineage-dev-password", validation_alias=_env("NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(default="neo4j", validation_alias=_env("NEO4J_DATABASE"))
    neo4j_query_timeout_s: float = 30.0

    local_neo4j_root: Path = Path(".lineage/neo4j")
    local_neo4j_instance: str = "dev"
    local_neo4j_bolt_port: int = 7687
    local_neo4j_http_port: int = 7474
    local_neo4j_heap: str = "1g"
    local_neo4j_pagecache: str = "512m"
    local_neo4j_start_timeout_s: float = 120.0

    host: str = "127.0.0.1"
    port: int = 8000
    # The API's address as browsers reach it, e.g. https://lineage.studio.example: the base
    # of Asset.signedUrl (unset: the request's own) and of the local Neo4j Browser's
    # style and guide (unset: http://127.0.0.1:<port>).
    public_url: str | None = None
    assets_root: Path = Path("assets")
    max_lineage_depth: int = 10
    default_page_size: int = 20
    max_page_size: int = 100
    max_upload_bytes: int = 512 * 1024 * 1024
    # Limits on what a client sends (README "Security and limits").
    max_request_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)
    max_json_depth: int = Field(default=64, ge=2)
    max_params_bytes: int = Field(default=64 * 1024, ge=2)
    max_params_depth: int = Field(default=16, ge=1)
    max_image_pixels: int = Field(default=50_000_000, ge=1)
    max_run_generations: int = Field(default=200, ge=1)
    # Project bundles and files released from the catalog (unset: <assets_root>/archive).
    archive_root: Path | None = None
    # recordGeneration(sourcePath) copies only from inside this folder (unset: refused).
    source_root: Path | None = None
    # Signs Asset.signedUrl's media URLs (unset: a random secret per process, so they
    # stop working at restart); and how long one may last at most (7 days).
    media_url_secret: SecretStr | None = Field(default=None, min_length=32)
    signed_url_max_seconds: int = Field(default=7 * 24 * 3600, ge=1)
    # recordGeneration(sourceUrl) fetches from public addresses only, and these networks
    # (CIDRs, e.g. an internal CDN's 10.20.0.0/16; unset: none).
    source_url_allowed_networks: Annotated[list[IPvAnyNetwork], NoDecode] = []

    # Security (README "Security"). `production` turns the developer tools off
    # unless their own variable says otherwise; `development` leaves them on.
    profile: Literal["development", "production"] = "development"
    graphiql: bool | None = None
    introspection: bool | None = None
    field_suggestions: bool | None = None
    auth_enabled: bool = True
    # How long a verified key is trusted without asking Neo4j again (revocation delay).
    auth_cache_ttl_s: float = 30.0
    dev_key_file: Path = Path(".lineage/dev-api-key")
    # GraphiQL's, Swagger UI's and ReDoc's pinned files (`lineage web-assets` fetches them).
    web_assets_dir: Path = Path(".lineage/web")
    cors_origins: Annotated[list[str], NoDecode] = []
    max_query_depth: int = 12
    max_aliases: int = 30
    max_query_tokens: int = 2000

    @field_validator("cors_origins", "source_url_allowed_networks", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """`a,b` or a JSON list, as the environment gives it."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [item.strip() for item in text.split(",") if item.strip()]
        return value

    @model_validator(mode="after")
    def _profile_defaults(self) -> Settings:
        for name in DEVELOPER_TOOLS:
            if getattr(self, name) is None:
                setattr(self, name, self.profile == "development")
        return self

    @property
    def api_url(self) -> str:
        """`public_url`, else where `lineage serve` listens, as seen from this machine."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in {"0.0.0.0", "::", ""} else self.host
        return f"http://{host}:{self.port}"

    @property
    def uses_local_neo4j(self) -> bool:
        """True when no server is configured and the project runs its own."""
        return not self.neo4j_uri


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
