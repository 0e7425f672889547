"""The import report and progress for people: rich tables and a progress bar."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from lineage.legacy.report import Anomaly, ImportReport

DETAILS_PER_PROBLEM = 20
PHASES = {"files": "Copying files into the catalog", "graph": "Writing the graph"}


class ProgressBar:
    """The importer's progress as a rich bar (on stderr, so --json stays clean)."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def begin(self, phase: str, total: int) -> None:
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(PHASES.get(phase, phase), total=total)

    def advance(self, done: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, done)


def print_report(report: ImportReport, console: Console) -> None:
    verb = "Would import" if report.dry_run else "Imported"
    console.print(f"{verb} {report.root} in {report.seconds:.2f} s")
    console.print(_counts(report))
    if not report.dry_run:
        console.print(
            f"Files: {report.files_stored} stored in the catalog, "
            f"{report.files_deduplicated} already there (same bytes)"
        )
    if report.anomalies:
        console.print(_problems(report))
        for anomaly in _details(report):
            console.print(_line(anomaly), markup=False, highlight=False, soft_wrap=True)


def _counts(report: ImportReport) -> Table:
    created = "would create" if report.dry_run else "created"
    table = Table(title="Nodes by kind")
    for column in ("kind", created, "already present"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, count in report.counts.items():
        table.add_row(kind.value, str(count.created), str(count.present))
    table.add_row("total", str(report.created), str(report.present), style="bold")
    return table


def _problems(report: ImportReport) -> Table:
    table = Table(title="Anomalies")
    table.add_column("problem")
    table.add_column("count", justify="right")
    for problem, count in sorted(report.problems().items()):
        table.add_row(problem.value, str(count))
    return table


def _details(report: ImportReport) -> list[Anomaly]:
    shown: list[Anomaly] = []
    for problem in sorted(report.problems()):
        found = report.of(problem)
        shown += found[:DETAILS_PER_PROBLEM]
        if len(found) > DETAILS_PER_PROBLEM:
            more = len(found) - DETAILS_PER_PROBLEM
            shown.append(
                Anomaly(problem=problem, path="…", message=f"and {more} more (see --json)")
            )
    return shown


def _line(anomaly: Anomaly) -> str:
    where = anomaly.path
    if anomaly.line is not None:
        where += f":{anomaly.line}:{anomaly.column}"
    return f"  [{anomaly.problem.value}] {where}: {anomaly.message}"
