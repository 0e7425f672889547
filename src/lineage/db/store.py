"""Runs named Cypher on the one AsyncDriver, and translates Neo4j's exceptions.

This module is the only place `neo4j.exceptions` are caught. Two guards:

- a time limit per transaction (`timeout_s`, the service passes
  `neo4j_query_timeout_s`): Neo4j itself ends a transaction that runs longer,
  so no query can pin it; the client gets `QueryTimeoutError` (`TIMEOUT`);
- fail fast while Neo4j is down. The driver's own retries are off (see
  `lineage.db.driver`); `retried` here retries transient errors (deadlocks,
  lock timeouts) with backoff for up to `RETRY_BUDGET_S`, but an unreachable
  server only once, at once (a pooled connection may have died with a restart).
  Once a query found Neo4j unreachable, later ones fail without trying; one
  connection attempt, at most every `PROBE_INTERVAL_S`, notices its return.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncManagedTransaction,
    Query,
    RoutingControl,
    unit_of_work,
)
from neo4j import exceptions as neo

from lineage.db import cypher
from lineage.errors import (
    AuthenticationError,
    ConflictError,
    DatabaseError,
    DatabaseUnavailableError,
    LimitExceededError,
    LineageError,
)

Row = dict[str, Any]
T = TypeVar("T")
log = logging.getLogger(__name__)
PROBE_INTERVAL_S = 1.0
RETRY_BUDGET_S = 10.0
STREAMED_ROWS = 2


class QueryTimeoutError(LimitExceededError):
    """Neo4j ended a transaction that ran past the time limit."""

    code = "TIMEOUT"


def _timed_out(exc: neo.Neo4jError) -> bool:
    return "TransactionTimedOut" in (exc.code or "")


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
        log.info("constraint refused a write: %s", exc.message)  # Neo4j's words stay here
        raise ConflictError(
            "a record with the same id or key was created by a concurrent request; "
            "read it, or retry with another id"
        ) from exc
    except neo.Neo4jError as exc:
        if _timed_out(exc):
            raise QueryTimeoutError(
                "the query ran past the time limit and was stopped; ask for less "
                "(a smaller depth or page)"
            ) from exc
        raise DatabaseError(f"Neo4j error {exc.code}") from exc
    except neo.DriverError as exc:
        raise DatabaseError(f"Neo4j driver error: {type(exc).__name__}") from exc


async def retried(attempt: Callable[[], Awaitable[T]]) -> T:
    """`attempt()`, again on transient errors (backoff) and once on a lost connection."""
    deadline, delay, reconnected = time.monotonic() + RETRY_BUDGET_S, 0.05, False
    while True:
        try:
            return await attempt()
        except (neo.ServiceUnavailable, neo.SessionExpired):
            if reconnected:
                raise
            reconnected = True
        except (neo.DriverError, neo.Neo4jError) as exc:
            if not exc.is_retryable() or time.monotonic() + delay > deadline:
                raise
            await asyncio.sleep(delay * random.uniform(0.8, 1.2))
            delay = min(delay * 2, 1.0)


class Availability:
    """Whether Neo4j was last found unreachable, and a cheap probe of its return."""

    def __init__(self, driver: AsyncDriver) -> None:
        self.driver = driver
        self.down: DatabaseUnavailableError | None = None
        self.probed_at = 0.0

    async def check(self) -> None:
        """Raise at once while Neo4j is known down (probing at most every second)."""
        if self.down is None:
            return
        if time.monotonic() - self.probed_at < PROBE_INTERVAL_S:
            raise DatabaseUnavailableError(self.down.message)
        self.probed_at = time.monotonic()
        try:
            async with translated_errors():
                await self.driver.verify_connectivity()
        except DatabaseUnavailableError as exc:
            self.down = exc
            raise
        self.down = None

    def note(self, exc: DatabaseUnavailableError) -> None:
        self.down, self.probed_at = exc, time.monotonic()


class Tx:
    """A managed transaction that runs named queries."""

    def __init__(self, tx: AsyncManagedTransaction, store: Store) -> None:
        self._tx = tx
        self._store = store

    async def run(self, name: str, **params: Any) -> list[Row]:
        self._store.queries_run += 1
        result = await self._tx.run(cypher.load_text(name), params)
        return [dict(record) async for record in result]


class Store:
    """Named-query execution on one database of one driver."""

    def __init__(self, driver: AsyncDriver, database: str, timeout_s: float | None = None) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.availability = Availability(driver)
        self.queries_run = 0

    async def read(self, name: str, **params: Any) -> list[Row]:
        return await self._execute(name, params, RoutingControl.READ)

    async def write(self, name: str, **params: Any) -> list[Row]:
        return await self._execute(name, params, RoutingControl.WRITE)

    async def stream(self, name: str, **params: Any) -> AsyncIterator[Row]:
        """A long read's rows as they arrive, `STREAMED_ROWS` a round trip (a row may
        carry a page of many nodes: memory holds a few pages, never the result). One
        auto-commit read, bounded by what it reads rather than by the time limit (an
        export of a large project is long by nature); not retried once rows came."""
        self.queries_run += 1
        named = cypher.load(name)
        query = Query(named.text, metadata=named.metadata)
        async with (
            self._guarded(),
            self.driver.session(
                database=self.database,
                default_access_mode=READ_ACCESS,
                fetch_size=STREAMED_ROWS,
            ) as session,
        ):
            result = await session.run(query, params)
            async for record in result:
                yield dict(record)

    async def in_write_tx(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run `work` in one managed write transaction (retried on transient errors),
        its BEGIN sent with its first query: one round trip less (the driver does the
        same for `execute_query`; tests/orphans/test_orphan_write_cost.py counts the
        round trips, so a driver that stops honouring it fails there)."""

        async def attempt() -> T:
            async with self.driver.session(database=self.database) as session:
                with session._pipelined_begin:
                    return await session.execute_write(self._unit(work))

        async with self._guarded():
            return await retried(attempt)

    async def in_read_tx(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        async def attempt() -> T:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_read(self._unit(work))

        async with self._guarded():
            return await retried(attempt)

    def _unit(self, work: Callable[[Tx], Awaitable[T]]) -> Callable[[Any], Awaitable[T]]:
        """`work` as a transaction function bounded by the time limit."""

        async def unit(tx: AsyncManagedTransaction) -> T:
            return await work(Tx(tx, self))

        return unit_of_work(timeout=self.timeout_s)(unit)

    async def _read_auto_commit(self, query: Query, params: dict[str, Any]) -> list[Row]:
        """One read in an implicit transaction: one round trip, where a managed
        transaction adds its COMMIT's (reads have nothing to commit)."""
        async with self.driver.session(
            database=self.database, default_access_mode=READ_ACCESS
        ) as session:
            result = await session.run(query, params)
            return [dict(record) async for record in result]

    @asynccontextmanager
    async def _guarded(self) -> AsyncIterator[None]:
        """Fail fast while Neo4j is known down; translate errors; note an outage."""
        await self.availability.check()
        try:
            async with translated_errors():
                yield
        except DatabaseUnavailableError as exc:
            self.availability.note(exc)
            raise

    async def _execute(
        self, name: str, params: dict[str, Any], routing: RoutingControl
    ) -> list[Row]:
        self.queries_run += 1
        named = cypher.load(name)
        query = Query(named.text, metadata=named.metadata, timeout=self.timeout_s)

        async def attempt() -> list[Row]:
            if routing is RoutingControl.READ:
                return await self._read_auto_commit(query, params)
            records, _, _ = await self.driver.execute_query(
                query, params, routing_=routing, database_=self.database
            )
            return [dict(record) for record in records]

        async with self._guarded():
            return await retried(attempt)


# A write's follow-up in the same transaction, given by a higher layer to a lower one:
# `lineage.orphans.refresh.refresh_in`, which brings orphan state up to date after the
# assets or prompts of the ids changed (a prompt revised, a file found missing).
AfterChange = Callable[[Tx, list[str]], Awaitable[object]]
