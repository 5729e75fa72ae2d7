"""Reports on the staff screen: build one for a date range, show it, export it or a review bundle."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.reports.bundle import BundleExporter, BundleInfo
from kiosk.reports.model import Report, report_filename
from kiosk.reports.service import ReportService
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ReportsViewModel(QObject):
    report_changed = Signal(object)  # Report
    charts_changed = Signal(list)  # list[tuple[str, bytes]]: chart title, PNG
    exported = Signal(list)  # list[Path] just written
    message = Signal(str, str)  # text, severity
    busy = Signal(bool)

    def __init__(self, reports: ReportService, runner: TaskRunner, bundles: BundleExporter | None = None,
                 folder: Path | None = None) -> None:
        super().__init__()
        self._reports = reports
        self._runner = runner
        self._bundles = bundles
        self.folder = folder or Path.home()
        self.report: Report | None = None

    @staticmethod
    def catalogue() -> list[tuple[str, str]]:
        return ReportService.catalogue()

    def load(self, key: str, start: date, end: date) -> None:
        self.busy.emit(True)
        self._runner.submit(lambda: self._with_charts(key, start, end), self._loaded, self._failed)

    def _with_charts(self, key: str, start: date, end: date) -> tuple[Report, list[tuple[str, bytes]]]:
        report = self._reports.build(key, start, end)
        return report, [(c.title, self._reports.chart_png(report, c.key, dpi=80)) for c in report.charts]

    def _loaded(self, result: tuple[Report, list[tuple[str, bytes]]]) -> None:
        self.report, charts = result
        self.report_changed.emit(self.report)
        self.charts_changed.emit(charts)
        self.busy.emit(False)

    def export(self, kind: str, folder: Path | None = None) -> None:
        """Write the shown report as ``pdf``, ``csv`` or ``xlsx`` into ``folder``."""
        report = self.report
        if report is None:
            self.message.emit(self.tr("Show a report first."), "warning")
            return
        target = Path(folder or self.folder).expanduser()
        self.folder = target

        def work() -> list[Path]:
            target.mkdir(parents=True, exist_ok=True)
            if kind == "pdf":
                return [self._reports.export_pdf([report], target / report_filename(report, "pdf"))]
            if kind == "xlsx":
                return [self._reports.export_xlsx([report], target / report_filename(report, "xlsx"))]
            if kind == "csv":
                return self._reports.export_csv(report, target)
            raise ValueError(f"unknown export format {kind!r}")

        self.busy.emit(True)
        self._runner.submit(work, self._done, self._failed)

    def export_bundle(self, start: date, end: date, folder: Path | None = None) -> None:
        if self._bundles is None:
            self.message.emit(self.tr("Review bundles are not available here."), "error")
            return
        target = Path(folder or self.folder).expanduser()
        self.folder = target
        out = target / f"packroom-review-{start.isoformat()}-{end.isoformat()}.zip"
        bundles = self._bundles
        self.busy.emit(True)
        self._runner.submit(lambda: bundles.export(start, end, out), self._bundle_done, self._failed)

    def _done(self, paths: list[Path]) -> None:
        self.busy.emit(False)
        self.exported.emit(paths)
        where = paths[0].parent if paths else self.folder
        self.message.emit(self.tr("Saved {0} file(s) to {1}.").format(len(paths), where), "info")

    def _bundle_done(self, info: BundleInfo) -> None:
        self.busy.emit(False)
        self.exported.emit([info.path])
        self.message.emit(self.tr("Review bundle saved: {0} ({1:.1f} MB).").format(info.path, info.size / 1e6),
                          "info")

    def _failed(self, exc: BaseException) -> None:
        self.busy.emit(False)
        log.warning("report work failed: %s", exc)
        self.message.emit(str(exc), "error")
