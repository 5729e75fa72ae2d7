"""The reports screen: date range and report, its figures, tables and charts; exports to a folder."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import Role
from kiosk.reports.model import Cell, Metric, Report
from ui.models import ListTableModel
from ui.screens.staff.forms import set_message, title_label
from ui.viewmodels.reports import ReportsViewModel


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportsScreen(QWidget):
    required_role = Role.MANAGER  # figures across residents and staff: managers and admins

    def __init__(self, vm: ReportsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Reports screen")
        today = date.today()
        self.from_date = QDateEdit(_qdate(today - timedelta(days=6)), self)
        self.from_date.setAccessibleName("From date")
        self.from_date.setCalendarPopup(True)
        self.to_date = QDateEdit(_qdate(today), self)
        self.to_date.setAccessibleName("To date")
        self.to_date.setCalendarPopup(True)
        for edit in (self.from_date, self.to_date):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.picker = QComboBox(self)
        self.picker.setAccessibleName("Report")
        for key, title in vm.catalogue():
            self.picker.addItem(self.tr(title), key)
        self.show_button = self._button("Show report", self.show_report)

        self.title = title_label(self, "", "Report title")
        self.metrics: ListTableModel[Metric] = ListTableModel([(self.tr("Figure"), lambda m: m.label),
                                                               (self.tr("Value"), lambda m: m.text())], self)
        metrics_view = QTableView(self)
        metrics_view.setModel(self.metrics)
        metrics_view.setAccessibleName("Figures")
        metrics_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table_picker = QComboBox(self)
        self.table_picker.setAccessibleName("Table")
        self.table_picker.currentIndexChanged.connect(self._show_table)
        self.rows: ListTableModel[tuple[Cell, ...]] = ListTableModel([], self)
        self.table_view = QTableView(self)
        self.table_view.setAccessibleName("Report table")
        self.table_view.setModel(self.rows)

        self.charts_box = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts_box)
        charts = QScrollArea(self)
        charts.setWidgetResizable(True)
        charts.setWidget(self.charts_box)
        charts.setAccessibleName("Charts")
        self.chart_labels: list[QLabel] = []

        self.folder = QLineEdit(str(vm.folder), self)
        self.folder.setAccessibleName("Export folder")
        choose = self._button("Choose folder", self._choose_folder)
        self.export_buttons = [self._button("Export PDF", lambda: self._export("pdf")),
                               self._button("Export CSV", lambda: self._export("csv")),
                               self._button("Export XLSX", lambda: self._export("xlsx"))]
        self.bundle_button = self._button("Export review bundle", self._export_bundle)
        self.message_label = QLabel("", self)
        self.message_label.setObjectName("StaffMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Reports message")

        top = QHBoxLayout()
        for widget in (QLabel(self.tr("From"), self), self.from_date, QLabel(self.tr("to"), self), self.to_date,
                       self.picker):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.show_button)
        exports = QGridLayout()
        exports.addWidget(QLabel(self.tr("Export to"), self), 0, 0)
        exports.addWidget(self.folder, 0, 1, 1, 3)
        exports.addWidget(choose, 0, 4)
        for column, button in enumerate([*self.export_buttons, self.bundle_button]):
            exports.addWidget(button, 1, column, 1, 2 if button is self.bundle_button else 1)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(metrics_view, 1)
        left.addWidget(self.table_picker)
        left.addWidget(self.table_view, 2)
        layout = QGridLayout(self)
        layout.addLayout(top, 0, 0, 1, 2)
        layout.addLayout(left, 1, 0)
        layout.addWidget(charts, 1, 1)
        layout.addLayout(exports, 2, 0, 1, 2)
        layout.addWidget(self.message_label, 3, 0, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

        vm.report_changed.connect(self._update_report)
        vm.charts_changed.connect(self._update_charts)
        vm.message.connect(self._update_message)
        vm.busy.connect(self._update_busy)
        self._update_busy(False)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(self.tr(text), self)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    @property
    def period(self) -> tuple[date, date]:
        return _pydate(self.from_date.date()), _pydate(self.to_date.date())

    def show_report(self) -> None:
        start, end = self.period
        self._vm.load(str(self.picker.currentData()), start, end)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export to"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _export(self, kind: str) -> None:
        self._vm.export(kind, Path(self.folder.text()))

    def _export_bundle(self) -> None:
        start, end = self.period
        self._vm.export_bundle(start, end, Path(self.folder.text()))

    def _update_report(self, report: Report) -> None:
        self.title.setText(f"{report.title} · {report.period.label()}")
        self.metrics.set_rows(report.metrics)
        self.table_picker.blockSignals(True)
        self.table_picker.clear()
        for table in report.tables:
            self.table_picker.addItem(table.title, table.key)
        self.table_picker.blockSignals(False)
        self._show_table(0)

    def _show_table(self, index: int) -> None:
        report = self._vm.report
        if report is None or not (0 <= index < len(report.tables)):
            return
        table = report.tables[index]
        self.rows = ListTableModel([(name, lambda row, i=i: row[i]) for i, name in enumerate(table.columns)], self)
        self.rows.set_rows(table.rows)
        self.table_view.setModel(self.rows)
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def _update_charts(self, charts: list[tuple[str, bytes]]) -> None:
        for label in self.chart_labels:
            label.hide()
            self.charts_layout.removeWidget(label)
            label.deleteLater()
        self.chart_labels = []
        for title, png in charts:
            label = QLabel(self.charts_box)
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label.setPixmap(pixmap)
            label.setMinimumSize(pixmap.size())  # scroll, never squash the chart
            label.setAccessibleName(f"Chart: {title}")
            self.charts_layout.addWidget(label)
            self.chart_labels.append(label)
        self.charts_box.adjustSize()

    def _update_busy(self, busy: bool) -> None:
        has_report = self._vm.report is not None
        self.show_button.setEnabled(not busy)
        for button in self.export_buttons:
            button.setEnabled(not busy and has_report)
        self.bundle_button.setEnabled(not busy)

    def _update_message(self, text: str, severity: str) -> None:
        set_message(self.message_label, text, severity)
