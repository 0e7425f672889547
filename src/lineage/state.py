"""What one running service holds: settings, the store on the one driver, readiness."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from lineage.assets.params import ParamsLimits
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.files.signing import MediaUrls
from lineage.generations.plans import warm_change_plans
from lineage.settings import Settings
from lineage.upgrades import migrate

log = logging.getLogger("lineage")


@dataclass
class ServiceState:
    """Shared by every request of one process."""

    settings: Settings
    store: Store
    schema_ready: bool = False
    last_error: str | None = None
    media_urls: MediaUrls = field(init=False)
    params_limits: ParamsLimits = field(init=False)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        secret = self.settings.media_url_secret
        self.media_urls = MediaUrls(
            secret.get_secret_value() if secret else None, self.settings.signed_url_max_seconds
        )
        self.params_limits = ParamsLimits(
            self.settings.max_params_bytes, self.settings.max_params_depth
        )

    async def ensure_schema(self) -> bool:
        """Apply migrations once Neo4j answers, and have it plan the changes' statements
        (lineage.generations.plans); remember why it failed if not."""
        if self.schema_ready:
            return True
        async with self._lock:
            if self.schema_ready:
                return True
            try:
                await migrate(self.store)
                await warm_change_plans(self.store)
            except LineageError as exc:
                self.last_error = exc.message
                log.warning("schema not applied yet: %s", exc.message)
                return False
            self.schema_ready, self.last_error = True, None
        return True
