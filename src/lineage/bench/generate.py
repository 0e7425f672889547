"""Bulk-loads a generated FliGen graph of N assets (deterministic for a seed).

Rows are generated project by project (`lineage.bench.plan`) and written as
`UNWIND $rows` batches of about 10k rows: projects, then workflow runs, then
prompts, then assets, each batch with its edges, so memory stays flat at 1M
assets. A `:BenchGraph {assets, seed}` marker, written last, lets a rerun reuse
a complete graph of the same size and seed.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from lineage.bench.plan import ProjectRows, plan_projects
from lineage.db import cypher
from lineage.db.store import Row, Store, translated_errors
from lineage.models import utc_timestamp

BATCH_ROWS = 10_000
SAMPLE_SIZE = 1_000
GENERATOR_VERSION = 2  # bump when the generated shape changes: old graphs are then regenerated
KINDS = ("projects", "workflows", "prompts", "assets")


@dataclass
class GraphSummary:
    """What was generated: counts by kind and benchmark start ids (deep upstream lineage)."""

    assets: int
    seed: int
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    sample_ids: list[str] = field(default_factory=list)
    max_depth: int = 0
    seconds: float = 0.0
    reused: bool = False
    version: int = GENERATOR_VERSION

    def to_marker(self) -> dict[str, Any]:
        summary = json.dumps({k: v for k, v in asdict(self).items() if k != "sample_ids"})
        return {
            "assets": self.assets,
            "seed": self.seed,
            "version": self.version,
            "summaryJson": summary,
            "sampleIds": self.sample_ids,
            "generatedAt": utc_timestamp(),
        }

    @classmethod
    def from_marker(cls, marker: dict[str, Any]) -> GraphSummary:
        fields = json.loads(marker["summaryJson"])
        known = {"version": marker.get("version", 0), "sample_ids": list(marker["sampleIds"])}
        return cls(**{**fields, **known, "reused": True})


class Tally:
    """Counts nodes and relationships from the rows, and samples deep start ids."""

    def __init__(self, seed: int, sample_size: int) -> None:
        self.nodes: Counter[str] = Counter()
        self.relationships: Counter[str] = Counter()
        self.sample: list[str] = []
        self.sample_size = sample_size
        self.seen = self.max_depth = 0
        self.rng = random.Random(f"lineage-bench/{seed}/sample")

    def add(self, rows: ProjectRows) -> None:
        self.nodes["Project"] += len(rows.projects)
        self.nodes["Workflow"] += len(rows.workflows)
        for row in rows.prompts:
            self.nodes["HumanPrompt" if row["props"]["kind"] == "human" else "MachinePrompt"] += 1
            self._edges(row, refinedFromId="GENERATED_FROM", workflowId="GENERATED_FROM")
            self._edges(row, revisesId="REGENERATES")
        for row in rows.assets:
            self.nodes[f"Asset:{row['props']['type']}"] += 1
            self.relationships["GENERATED_FROM"] += len(row["promptIds"]) + len(row["sourceIds"])
            self.relationships["USES_FRAME"] += len(row["frames"])
            self._edges(row, workflowId="GENERATED_FROM", previousId="REGENERATES")
        self.relationships["PART_OF"] += len(rows.workflows) + len(rows.prompts) + len(rows.assets)
        for asset_id, depth in rows.deep:
            self._offer(asset_id)
            self.max_depth = max(self.max_depth, depth)

    def _edges(self, row: Row, **types: str) -> None:
        for key, rel_type in types.items():
            self.relationships[rel_type] += row[key] is not None

    def _offer(self, asset_id: str) -> None:
        """Reservoir sampling: every deep asset is equally likely to be kept."""
        self.seen += 1
        if len(self.sample) < self.sample_size:
            self.sample.append(asset_id)
            return
        slot = self.rng.randrange(self.seen)
        if slot < self.sample_size:
            self.sample[slot] = asset_id

    def summary(self, assets: int, seed: int, seconds: float) -> GraphSummary:
        return GraphSummary(
            assets=assets,
            seed=seed,
            nodes=dict(sorted(self.nodes.items())),
            relationships=dict(sorted(self.relationships.items())),
            sample_ids=list(self.sample),
            max_depth=self.max_depth,
            seconds=round(seconds, 2),
        )


async def generate(
    store: Store,
    assets: int = 100_000,
    seed: int = 1,
    batch_rows: int = BATCH_ROWS,
    sample_size: int = SAMPLE_SIZE,
) -> GraphSummary:
    """Write the generated graph into `store` (expected empty) and its marker."""
    started = time.perf_counter()
    tally = Tally(seed, sample_size)
    buffers: dict[str, list[Row]] = {kind: [] for kind in KINDS}
    for rows in plan_projects(assets, seed):
        tally.add(rows)
        for kind in KINDS:
            buffers[kind].extend(getattr(rows, kind))
        if max(len(buffered) for buffered in buffers.values()) >= batch_rows:
            await _flush(store, buffers, batch_rows)
    await _flush(store, buffers, batch_rows)
    summary = tally.summary(assets, seed, time.perf_counter() - started)
    await store.write("bench/create_marker", row=summary.to_marker())
    return summary


async def _flush(store: Store, buffers: dict[str, list[Row]], batch_rows: int) -> None:
    """Write every buffered row, kinds in dependency order."""
    for kind in KINDS:
        rows = buffers[kind]
        for start in range(0, len(rows), batch_rows):
            await store.write(f"bench/create_{kind}", rows=rows[start : start + batch_rows])
        rows.clear()


async def find_generated(store: Store) -> GraphSummary | None:
    rows = await store.read("bench/find_marker")
    return GraphSummary.from_marker(rows[0]["marker"]) if rows else None


async def wipe(store: Store) -> None:
    """Delete every node but the schema bookkeeping (batched: works on 1M nodes)."""
    await auto_commit(store, "bench/wipe_graph")


async def auto_commit(store: Store, name: str, **params: Any) -> None:
    """Run a query that batches itself (CALL ... IN TRANSACTIONS) in an implicit transaction."""
    async with translated_errors(), store.driver.session(database=store.database) as session:
        result = await session.run(cypher.load(name), params)
        await result.consume()


async def ensure_generated(store: Store, assets: int, seed: int) -> GraphSummary:
    """Reuse the graph when its marker says same size, seed and generator; else regenerate."""
    found = await find_generated(store)
    if found is not None and (found.assets, found.seed, found.version) == (
        assets,
        seed,
        GENERATOR_VERSION,
    ):
        return found
    await wipe(store)
    return await generate(store, assets, seed)
