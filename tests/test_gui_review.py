"""The manager's viewer on a real bundle: verdict banner, the same numbers as the kiosk, filter, custody."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTableView, QWidget
from pytestqt.qtbot import QtBot

from kiosk.reports.bundle import BundleReader
from tests.test_bundle import seeded  # noqa: F401 - the module-scoped seeded week and its bundle
from tests.test_gui_pickup import by_name
from tests.test_reports import END, NOW, START, Week
from ui.review.window import ReviewWindow

pytestmark = pytest.mark.gui


def cells(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def open_window(qtbot: QtBot, path: Path) -> tuple[ReviewWindow, BundleReader]:
    reader = BundleReader(path)
    window = ReviewWindow(reader)
    qtbot.addWidget(window)
    window.show()
    return window, reader


def test_the_viewer_shows_the_bundle_as_exported(qtbot: QtBot, seeded: tuple[Week, Path, str],  # noqa: F811
                                                 tmp_path: Path) -> None:
    week, bundle, _ = seeded
    path = tmp_path / "review.zip"
    shutil.copyfile(bundle, path)
    window, reader = open_window(qtbot, path)
    try:
        verdict = by_name(window, "Verdict")
        assert isinstance(verdict, QLabel) and verdict.text().startswith("INTACT")
        reports = by_name(window, "Reports")
        assert isinstance(reports, QListWidget)
        titles = [reports.item(i).text() for i in range(reports.count())]
        assert len(titles) == 7 and "Lockers" in titles, titles  # every report of the catalogue
        reports.setCurrentRow(titles.index("Parcel activity"))
        fresh = week.service.build("activity", START, END, NOW)
        figures = by_name(window, "Figures")
        assert isinstance(figures, QTableView)
        assert cells(figures) == [[m.label, m.text()] for m in fresh.metrics]
        table = by_name(window, "Report table")
        assert isinstance(table, QTableView)
        assert cells(table)[0] == ["2026-03-02", "2", "2"]
        filter_box = by_name(window, "Filter")
        assert isinstance(filter_box, QLineEdit)
        filter_box.setText("03-05")
        assert cells(table) == [["2026-03-05", "1", "0"]]
        assert by_name(window, "Row count").text() == "1 of 7 rows"  # type: ignore[attr-defined]
        window.tabs.setCurrentIndex(1)
        chart_names = [w.accessibleName() for w in window.findChildren(QWidget)
                       if w.accessibleName().startswith("Chart: ") and w.isVisible()]
        assert "Chart: Parcels in and out by day" in chart_names and len(chart_names) == 4

        window.tabs.setCurrentIndex(2)
        code = week.building.parcels.get(week.ids["p1"]).code
        search = by_name(window, "Parcel search")
        assert isinstance(search, QLineEdit)
        search.setText(code)
        qtbot.mouseClick(by_name(window, "Find parcel"), Qt.MouseButton.LeftButton)
        custody = by_name(window, "Custody")
        assert isinstance(custody, QTableView)
        assert [row[2] for row in cells(custody)] == ["received", "picked_up"]
        assert code in by_name(window, "Custody title").text()  # type: ignore[attr-defined]
    finally:
        window.close()
        reader.close()


def test_an_altered_bundle_gets_a_red_banner(qtbot: QtBot, seeded: tuple[Week, Path, str],  # noqa: F811
                                             tmp_path: Path) -> None:
    raw = bytearray(seeded[1].read_bytes())
    raw[len(raw) // 2] ^= 0x04
    path = tmp_path / "altered.zip"
    path.write_bytes(bytes(raw))
    window, reader = open_window(qtbot, path)
    try:
        verdict = by_name(window, "Verdict")
        assert isinstance(verdict, QLabel) and verdict.text().startswith("ALTERED")
        assert "#b3261e" in verdict.styleSheet()
    finally:
        window.close()
        reader.close()


def test_the_reports_screen_shows_and_exports(qtbot: QtBot, seeded: tuple[Week, Path, str],  # noqa: F811
                                              tmp_path: Path) -> None:
    from datetime import date

    from PySide6.QtCore import QDate

    from ui.screens.staff.reports import ReportsScreen
    from ui.tasks import TaskRunner
    from ui.viewmodels.reports import ReportsViewModel

    week = seeded[0]
    runner = TaskRunner()
    vm = ReportsViewModel(week.service, runner, folder=tmp_path)
    screen = ReportsScreen(vm)
    qtbot.addWidget(screen)
    screen.show()
    try:
        screen.from_date.setDate(QDate(2026, 3, 2))
        screen.to_date.setDate(QDate(2026, 3, 8))
        picker = by_name(screen, "Report")
        picker.setCurrentIndex(picker.findData("activity"))  # type: ignore[attr-defined]
        qtbot.mouseClick(by_name(screen, "Show report"), Qt.MouseButton.LeftButton)
        title = by_name(screen, "Report title")
        qtbot.waitUntil(lambda: title.text().startswith("Parcel activity"), timeout=30000)  # type: ignore[attr-defined]
        figures = by_name(screen, "Figures")
        assert isinstance(figures, QTableView)
        shown = dict((row[0], row[1]) for row in cells(figures))
        assert shown["Parcels received"] == "6" and shown["Dwell time, median"] == "9.5 h"
        assert shown["Unclaimed rate"] == "50.0 %"
        qtbot.waitUntil(lambda: len([w for w in screen.findChildren(QLabel)
                                     if w.accessibleName().startswith("Chart: ")]) == 4, timeout=30000)
        message = by_name(screen, "Reports message")
        assert isinstance(message, QLabel)
        qtbot.mouseClick(by_name(screen, "Export PDF"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Saved 1 file" in message.text(), timeout=60000)
        pdf = tmp_path / "packroom-activity-2026-03-02-2026-03-08.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        qtbot.mouseClick(by_name(screen, "Export XLSX"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: (tmp_path / "packroom-activity-2026-03-02-2026-03-08.xlsx").is_file(), timeout=60000)
        assert screen.period == (date(2026, 3, 2), date(2026, 3, 8))
    finally:
        runner.shutdown()
