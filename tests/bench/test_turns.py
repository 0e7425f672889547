"""The export bench's fairness without a database: `tar` and the export measured in turn,
the side going first alternating, compared by their p50s, each into a new file that is
removed at once."""

from __future__ import annotations

import tarfile
from collections.abc import Callable
from pathlib import Path

from lineage.bench.export import _timed_tar
from lineage.bench.turns import alternated, in_turn, p50s


def counting(name: str, seen: list[str]) -> Callable[[], dict[str, float]]:
    """A side that notes its turn and returns how many turns ran before it."""

    def side() -> dict[str, float]:
        seen.append(name)
        return {"": float(len(seen)), "Cpu": 10.0 * len(seen)}

    return side


def test_the_side_going_first_alternates_round_by_round() -> None:
    seen: list[str] = []
    tars, exports = alternated(3, counting("tar", seen), counting("export", seen))
    assert seen == ["tar", "export", "export", "tar", "tar", "export"]
    assert [run[""] for run in tars] == [1, 4, 5]
    assert [run[""] for run in exports] == [2, 3, 6]
    assert in_turn(0, ["a", "b"]) == ["a", "b"] and in_turn(1, ["a", "b"]) == ["b", "a"]


def test_sides_are_compared_by_their_p50s_and_each_run_is_kept() -> None:
    runs = [{"": 5.8, "Cpu": 5.7}, {"": 2.2, "Cpu": 2.0}, {"": 2.4, "Cpu": 2.1}]
    figures = p50s(runs, "tar")
    assert figures["tar"] == 2.4 and figures["tarCpu"] == 2.1
    assert [figures[f"tar{n}"] for n in (1, 2, 3)] == [5.8, 2.2, 2.4]
    assert figures["tar1Cpu"] == 5.7


def test_a_tar_run_writes_a_new_file_measures_it_and_removes_it(tmp_path: Path) -> None:
    catalog = tmp_path / "source" / "catalog"
    (catalog / "image").mkdir(parents=True)
    (catalog / ".index").mkdir()
    (catalog / "image" / "a.png").write_bytes(b"a" * 300_000)
    # larger than a tar record (10,240 bytes): counted, it would change the size
    (catalog / ".index" / "left-out").write_bytes(b"i" * 50_000)
    target = tmp_path / "files.tar"
    run = _timed_tar(tmp_path / "source", target)
    assert not target.exists()
    assert run["Bytes"] > 300_000
    assert run[""] > 0
    again = tmp_path / "kept.tar"
    with tarfile.open(again, "w") as archive:
        archive.add(catalog / "image", "image")
    assert run["Bytes"] == again.stat().st_size
