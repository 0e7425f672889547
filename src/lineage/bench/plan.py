"""One generated FliGen project as rows, in the order they can be written.

A project is a run of chapters, closed every few chapters by an episode:

    human prompt <- machine prompt <- shot image attempts (REGENERATES newer -> older)
    shot image <- edited image (<- a second edit)            GENERATED_FROM
    scene video -USES_FRAME {start|end}-> two frame images (edited when an edit exists)
    chapter cut (video) <- its scene videos, narration, music; it starts on a title card
    episode (video) <- its chapter cuts (and its own title card); thumbnail <- a video

so upstream lineage runs up to 8 steps deep (episode thumbnail -> ... -> human prompt).
Every slot has exactly one current attempt, a ready one; some attempts failed.
No shortcut skips a level (title cards, not the scenes' frames, start a cut), so the
depth counted while generating never exceeds the real one: sampled starts are deep.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from lineage.assets.models import ID_PREFIX
from lineage.assets.slots import project_namespace, slot_key
from lineage.bench.vocab import BASE_EPOCH, REFINERS, Row, asset_props, prompt_text, timestamp
from lineage.models import AssetType

RESERVE = 3  # assets kept back so each group of chapters can close with its episode
CHAPTERS_PER_EPISODE = 4
DEEP = 5  # an asset whose upstream lineage reaches this far is a benchmark start


@dataclass
class Origins:
    """What an attempt was generated from (the edges `recordGeneration` writes)."""

    prompts: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    frames: list[tuple[str, str]] = field(default_factory=list)  # (image id, role)
    workflow: str | None = None

    def ids(self) -> list[str]:
        found = [*self.prompts, *self.sources, *(i for i, _ in self.frames)]
        return found + ([self.workflow] if self.workflow else [])


@dataclass
class ProjectRows:
    """A project's rows by kind; `deep` lists (asset id, upstream depth) of deep assets."""

    projects: list[Row] = field(default_factory=list)
    workflows: list[Row] = field(default_factory=list)
    prompts: list[Row] = field(default_factory=list)
    assets: list[Row] = field(default_factory=list)
    deep: list[tuple[str, int]] = field(default_factory=list)


def project_budgets(assets: int, seed: int) -> Iterator[int]:
    """Project sizes (100-1000 assets) adding up to exactly `assets`."""
    rng = random.Random(f"lineage-bench/{seed}")
    left = assets
    while left > 0:
        size = min(left, rng.randint(100, 1000))
        left -= size
        yield size


def plan_projects(assets: int, seed: int) -> Iterator[ProjectRows]:
    """Every project's rows, one project at a time (memory stays flat)."""
    for index, budget in enumerate(project_budgets(assets, seed), start=1):
        yield ProjectPlan(seed, index, budget).build()


def attempt_statuses(rng: random.Random, count: int) -> list[str]:
    """Statuses of a slot's attempts, oldest first; at least one is ready."""
    statuses = ["failed" if rng.random() < 0.3 else "ready" for _ in range(count - 1)]
    statuses.append("failed" if rng.random() < 0.05 else "ready")
    if "ready" not in statuses:
        statuses[-1] = "ready"
    return statuses


class ProjectPlan:
    """Builds one project's rows; `budget` is its exact number of assets."""

    def __init__(self, seed: int, index: int, budget: int) -> None:
        self.rng = random.Random(f"lineage-bench/{seed}/{index}")
        self.code = f"B{seed}-P{index:05d}"
        self.tag = f"{seed}_{index:05d}"
        self.left = budget
        self.reserve = RESERVE
        self.clock = BASE_EPOCH + index * 3600.0
        self.serial = self.shots = self.chapters = 0
        self.depth: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.rows = ProjectRows()

    def build(self) -> ProjectRows:
        self.project()
        episode = 0
        while self.left > RESERVE:
            episode += 1
            stories = [self.chapter() for _ in range(CHAPTERS_PER_EPISODE) if self.can_spend()]
            self.reserve = 0
            self.episode(episode, [s for s in stories if s])
            self.reserve = RESERVE
        self.reserve = 0
        while self.left > 0:
            self.slot("shot", AssetType.IMAGE, f"concept-{self.serial}", 1, self.refined("image"))
        return self.rows

    # -- bookkeeping --------------------------------------------------------

    def can_spend(self) -> bool:
        return self.left > self.reserve

    def next_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}_{self.tag}_{self.serial:05d}"

    def tick(self) -> float:
        self.clock += self.rng.uniform(2, 120)
        return self.clock

    # -- nodes without a slot -----------------------------------------------

    def project(self) -> None:
        now = timestamp(self.clock)
        self.rows.projects.append(
            {
                "code": self.code,
                "id": self.code,
                "title": f"Generated project {self.code}",
                "flihubChapterId": f"chapter-{self.rng.randint(1, 60)}",
                "flihubSegmentIds": [f"segment-{n}" for n in range(1, self.rng.randint(2, 6))],
                "createdAt": now,
                "updatedAt": now,
            }
        )

    def workflow(self) -> str:
        run_id = self.next_id("run")
        started = self.tick()
        props = {
            "id": run_id,
            "engine": "n8n",
            "workflowId": "fligen-image-to-video",
            "executionId": str(self.rng.randint(10_000, 99_999)),
            "status": "succeeded",
            "startedAt": timestamp(started),
            "finishedAt": timestamp(started + self.rng.uniform(30, 600)),
            "projectCode": self.code,
        }
        self.rows.workflows.append({"props": props, "projectCode": self.code})
        self.depth[run_id] = 0
        return run_id

    def prompt(
        self, kind: str, role: str, refined_from: str | None = None, **edges: str | None
    ) -> str:
        """A human prompt, or a machine prompt refined from one (`workflowId`, `revisesId`)."""
        prompt_id = self.next_id("prompt")
        props: Row = {"id": prompt_id, "kind": kind, "text": prompt_text(self.rng, role)}
        props.update(role=role, projectCode=self.code, createdAt=timestamp(self.tick()))
        if kind == "machine":
            props["refinedByModel"] = self.rng.choice(REFINERS)
        row = {"props": props, "refinedFromId": refined_from, "projectCode": self.code, **edges}
        self.rows.prompts.append({"workflowId": None, "revisesId": None, **row})
        self.depth[prompt_id] = 0 if refined_from is None else self.depth[refined_from] + 1
        self.texts[prompt_id] = props["text"]
        return prompt_id

    def refined(self, role: str, workflow: str | None = None, chance: float = 0.6) -> Origins:
        """A human prompt and (usually) its machine refinement, sometimes revised once."""
        human = self.prompt("human", role, workflowId=workflow)
        if self.rng.random() >= chance:
            return Origins(prompts=[human], workflow=workflow)
        machine = self.prompt("machine", role, human, workflowId=workflow)
        if self.rng.random() < 0.1:
            old = self.rows.prompts[-1]["props"]
            machine = self.prompt("machine", role, human, workflowId=workflow, revisesId=machine)
            old["revisedAt"] = self.rows.prompts[-1]["props"]["createdAt"]
        return Origins(prompts=[machine], workflow=workflow)

    # -- slots ----------------------------------------------------------------

    def slot(
        self, kind: str, asset_type: AssetType, slot: str, versions: int, origins: Origins
    ) -> str | None:
        """A slot's attempts; returns the current one (None when the budget is spent)."""
        count = min(versions, self.left - self.reserve)
        if count <= 0:
            return None
        self.left -= count
        statuses = attempt_statuses(self.rng, count)
        current = max(i for i, s in enumerate(statuses) if s == "ready")
        reverted = statuses.count("ready") > 1 and self.rng.random() < 0.05
        if reverted:  # revertTo made an older ready attempt current again
            current = statuses.index("ready")
        depth = 1 + max((self.depth[i] for i in origins.ids()), default=-1)
        ids = [self.attempt(kind, asset_type, slot, v, s, v - 1 == current, origins, depth)
               for v, s in enumerate(statuses, start=1)]  # fmt: skip
        if reverted:
            self.rows.assets[len(self.rows.assets) - count + current]["props"]["currentSince"] = (
                timestamp(self.tick())
            )
        return ids[current]

    def attempt(
        self,
        kind: str,
        asset_type: AssetType,
        slot: str,
        version: int,
        status: str,
        is_current: bool,
        origins: Origins,
        depth: int,
    ) -> str:
        asset_id = self.next_id(f"asset_{ID_PREFIX[asset_type]}")
        previous = self.rows.assets[-1]["props"]["id"] if version > 1 else None
        text = self.texts.get(origins.prompts[-1]) if origins.prompts else None
        key = slot_key(project_namespace(self.code), slot)
        attempt = {"id": asset_id, "slot": slot, "slotKey": key, "version": version}
        created = self.tick()
        self.clock += self.rng.uniform(5, 90)  # the next attempt starts after this one ends
        attempt.update(status=status, isCurrent=is_current, created=created, completed=self.clock)
        attempt.update(prompt=text)
        attempt.update(name=f"{slot} v{version}", projectCode=self.code)
        self.rows.assets.append(
            {
                "props": asset_props(self.rng, kind, asset_type, attempt),
                "projectCode": self.code,
                "promptIds": origins.prompts,
                "sourceIds": origins.sources,
                "frames": [{"assetId": i, "role": r, "position": 0} for i, r in origins.frames],
                "workflowId": origins.workflow,
                "previousId": previous,
            }
        )
        self.depth[asset_id] = depth
        if depth >= DEEP:
            self.rows.deep.append((asset_id, depth))
        return asset_id

    def versions(self) -> int:
        return self.rng.choices((1, 2, 3, 4), weights=(35, 30, 20, 15))[0]

    # -- the story structure --------------------------------------------------

    def shot(self, workflow: str | None) -> tuple[int, str] | None:
        """A shot slot, maybe edited (twice); returns (number, the image a video uses)."""
        if not self.can_spend():
            return None
        self.shots += 1
        number, name = self.shots, f"shot-{self.shots:03d}"
        origins = self.refined("image", workflow)
        image = self.slot("shot", AssetType.IMAGE, name, self.versions(), origins)
        for edit in ("edit", "edit-2"):
            if not (image and self.can_spend() and self.rng.random() < 0.3):
                break
            origins = self.refined("edit", chance=0.5)
            origins.sources = [image]
            image = self.slot("edit", AssetType.IMAGE, f"{name}-{edit}", 2, origins) or image
        return (number, image) if image else None

    def scene(self, start: tuple[int, str], end: tuple[int, str], animation: str) -> str | None:
        """A video from a start frame to an end frame."""
        if not self.can_spend():
            return None
        prompts = [animation]
        if self.rng.random() < 0.7:
            prompts = [self.prompt("machine", "animation", animation)]
        frames = [(start[1], "start"), (end[1], "end")]
        slot = f"{start[0]:03d}-{end[0]:03d}"
        origins = Origins(prompts, frames=frames)
        return self.slot("scene", AssetType.VIDEO, slot, self.versions(), origins)

    def cut(self, slot: str, sources: list[str]) -> str | None:
        """A video assembled from others, starting on its own title card."""
        if not self.can_spend():
            return None
        title = self.slot("shot", AssetType.IMAGE, f"{slot}-title", 1, self.refined("title"))
        if title is None:
            return None
        origins = Origins([], sources, frames=[(title, "start")])
        video = self.slot("cut", AssetType.VIDEO, slot, self.rng.randint(1, 3), origins)
        if video:
            self.thumbnail(f"{slot}-thumbnail", video)
        return video

    def thumbnail(self, slot: str, source: str) -> None:
        if self.can_spend():
            origins = self.refined("thumbnail", chance=0.3)
            origins.sources = [source]
            self.slot("thumbnail", AssetType.THUMBNAIL, slot, self.rng.randint(1, 2), origins)

    def chapter(self) -> str | None:
        """Shots, the scenes between them, narration, music, and the chapter's cut."""
        self.chapters += 1
        name = f"chapter-{self.chapters:02d}"
        workflow = self.workflow() if self.rng.random() < 0.5 else None
        shots = [s for s in (self.shot(workflow) for _ in range(self.rng.randint(5, 10))) if s]
        if len(shots) < 2 or not self.can_spend():
            return None
        animation = self.prompt("human", "animation")
        scenes = [v for v in (self.scene(a, b, animation) for a, b in pairwise(shots)) if v]
        if self.rng.random() < 0.5 and scenes:
            self.thumbnail(f"{name}-scene-thumbnail", self.rng.choice(scenes))
        extras = [
            self.slot(kind, kind_type, f"{name}-{kind}", self.rng.randint(1, 2), self.refined(kind))
            for kind, kind_type in (("narration", AssetType.AUDIO), ("music", AssetType.MUSIC))
            if self.can_spend()
        ]
        if not scenes:
            return None
        return self.cut(name, [*scenes, *(e for e in extras if e)])

    def episode(self, number: int, stories: list[str]) -> None:
        if stories:
            self.cut(f"episode-{number:02d}", stories)
