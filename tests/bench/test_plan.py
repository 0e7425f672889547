"""The generated rows without a database: deterministic, unique, lazy, API-shaped."""

from __future__ import annotations

import json
from itertools import islice

from lineage.assets.models import ALL_KNOWN_PARAMS, Asset, NewGeneration
from lineage.bench.plan import ProjectRows, plan_projects, project_budgets
from lineage.prompts.models import NewPrompt, Prompt
from lineage.workflows.models import NewWorkflowRun, WorkflowRun

# Every property `recordGeneration`/`completeGeneration`/`revertTo` can write on an asset.
ASSET_KEYS = (
    {f.alias or name for name, f in NewGeneration.model_fields.items()}
    | set(ALL_KNOWN_PARAMS)
    | {"slot", "slotKey", "version", "isCurrent", "currentSince", "paramsJson"}
) - {"params", "promptIds", "sourceAssetIds", "frames", "workflowId", "regeneratesId"}
PROMPT_KEYS = {f.alias or n for n, f in NewPrompt.model_fields.items()} | {"revisedAt"}
WORKFLOW_KEYS = {f.alias or n for n, f in NewWorkflowRun.model_fields.items()}


def rows_of(assets: int, seed: int) -> list[ProjectRows]:
    return list(plan_projects(assets, seed))


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    first, again, other = rows_of(2_000, 3), rows_of(2_000, 3), rows_of(2_000, 4)
    assert first == again
    assert [r.assets for r in first] != [r.assets for r in other]


def test_exactly_n_assets_in_projects_of_100_to_1000() -> None:
    budgets = list(project_budgets(20_000, 5))
    assert sum(budgets) == 20_000
    assert all(100 <= b <= 1000 for b in budgets[:-1]) and 1 <= budgets[-1] <= 1000
    projects = rows_of(2_000, 5)
    assert sum(len(p.assets) for p in projects) == 2_000


def test_ids_are_unique_across_every_kind() -> None:
    ids = [
        row["props"]["id"]
        for project in rows_of(3_000, 1)
        for row in [*project.workflows, *project.prompts, *project.assets]
    ]
    assert len(ids) == len(set(ids))


def test_rows_carry_exactly_what_the_api_writes() -> None:
    for project in rows_of(2_000, 2):
        for row in project.assets:
            props = row["props"]
            assert set(props) <= ASSET_KEYS, set(props) - ASSET_KEYS
            Asset.model_validate(props)
            assert json.loads(props["paramsJson"])
        for row in project.prompts:
            assert set(row["props"]) <= PROMPT_KEYS
            Prompt.model_validate(row["props"])
        for row in project.workflows:
            assert set(row["props"]) <= WORKFLOW_KEYS
            WorkflowRun.model_validate(row["props"])


def test_ready_attempts_have_files_and_failed_ones_an_error() -> None:
    assets = [row["props"] for project in rows_of(2_000, 2) for row in project.assets]
    for props in assets:
        if props["status"] == "ready":
            assert props["currentSince"] and props["fileSha256"] and "error" not in props
        else:
            assert props["status"] == "failed" and props["error"] and "currentSince" not in props
    assert any(p["status"] == "failed" for p in assets)


def test_rows_are_generated_lazily_one_project_at_a_time() -> None:
    first = next(islice(plan_projects(1_000_000, 1), 1))
    assert 100 <= len(first.assets) <= 1000
