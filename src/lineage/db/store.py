"""Runs named Cypher on the one AsyncDriver, and translates Neo4j's exceptions.

This module is the only place `neo4j.exceptions` are caught.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, RoutingControl
from neo4j import exceptions as neo

from lineage.db import cypher
from lineage.errors import (
    AuthenticationError,
    ConflictError,
    DatabaseError,
    DatabaseUnavailableError,
    LineageError,
)

Row = dict[str, Any]
T = TypeVar("T")


@asynccontextmanager
async def translated_errors() -> AsyncIterator[None]:
    """Turn the driver's exceptions into `LineageError`s (the ONE translation point)."""
    try:
        yield
    except LineageError:
        raise
    except neo.AuthError as exc:
        raise AuthenticationError(f"Neo4j refused the credentials: {exc.message}") from exc
    except (neo.ServiceUnavailable, neo.SessionExpired, OSError) as exc:
        reason = " ".join(str(exc).split())
        raise DatabaseUnavailableError(f"Neo4j is unavailable: {reason}") from exc
    except neo.ConstraintError as exc:
        raise ConflictError(f"a record with the same key already exists: {exc.message}") from exc
    except neo.Neo4jError as exc:
        raise DatabaseError(f"Neo4j error {exc.code}") from exc
    except neo.DriverError as exc:
        raise DatabaseError(f"Neo4j driver error: {type(exc).__name__}") from exc


class Tx:
    """A managed transaction that runs named queries."""

    def __init__(self, tx: AsyncManagedTransaction, store: Store) -> None:
        self._tx = tx
        self._store = store

    async def run(self, name: str, **params: Any) -> list[Row]:
        self._store.queries_run += 1
        result = await self._tx.run(cypher.load_text(name), params)
        return [record.data() async for record in result]


class Store:
    """Named-query execution on one database of one driver."""

    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database
        self.queries_run = 0

    async def read(self, name: str, **params: Any) -> list[Row]:
        return await self._execute(name, params, RoutingControl.READ)

    async def write(self, name: str, **params: Any) -> list[Row]:
        return await self._execute(name, params, RoutingControl.WRITE)

    async def in_write_tx(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run `work` in one managed write transaction (retried on transient errors)."""
        async with translated_errors(), self.driver.session(database=self.database) as session:
            return await session.execute_write(lambda tx: work(Tx(tx, self)))

    async def in_read_tx(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        async with translated_errors(), self.driver.session(database=self.database) as session:
            return await session.execute_read(lambda tx: work(Tx(tx, self)))

    async def _execute(
        self, name: str, params: dict[str, Any], routing: RoutingControl
    ) -> list[Row]:
        self.queries_run += 1
        async with translated_errors():
            records, _, _ = await self.driver.execute_query(
                cypher.load(name), params, routing_=routing, database_=self.database
            )
        return [record.data() for record in records]
