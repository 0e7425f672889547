"""Creates the one AsyncDriver of a process, for whichever Neo4j the switch picks."""

from __future__ import annotations

from neo4j import AsyncDriver, AsyncGraphDatabase
from neo4j.exceptions import ConfigurationError

from lineage.db.store import translated_errors
from lineage.errors import InvalidInputError
from lineage.localdb.server import LocalNeo4j
from lineage.settings import Settings


def neo4j_uri(settings: Settings) -> str:
    """`NEO4J_URI` when set, else the project's own local server."""
    return settings.neo4j_uri or LocalNeo4j(settings).bolt_uri


def create_driver(settings: Settings) -> AsyncDriver:
    """The driver; a malformed URI is reported as a configuration error, not a crash."""
    uri = neo4j_uri(settings)
    try:
        return _driver(uri, settings)
    except (ValueError, ConfigurationError) as exc:
        raise InvalidInputError(f"NEO4J_URI {uri!r} is not a Neo4j URI: {exc}") from exc


def _driver(uri: str, settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        connection_acquisition_timeout=10.0,
        connection_timeout=5.0,
        # No driver retries: `lineage.db.store.retried` retries transient errors
        # itself, but not an unreachable server, so outages fail fast.
        max_transaction_retry_time=0.0,
        notifications_min_severity="OFF",
    )


async def verify(driver: AsyncDriver) -> None:
    """Raise a `LineageError` naming the problem unless Neo4j accepts us."""
    async with translated_errors():
        await driver.verify_connectivity()
        await driver.verify_authentication()
