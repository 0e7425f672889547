"""Settings: the only reader of the environment (and of an optional `.env`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    assets_root: Path = Path("assets")
    max_lineage_depth: int = 10
    default_page_size: int = 20
    max_page_size: int = 100
    graphiql: bool = True
    max_upload_bytes: int = 512 * 1024 * 1024
    # recordGeneration(sourcePath) copies only from inside this folder (unset: refused).
    source_root: Path | None = None

    @property
    def uses_local_neo4j(self) -> bool:
        """True when no server is configured and the project runs its own."""
        return not self.neo4j_uri


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
