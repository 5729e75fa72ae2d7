"""The manager's read-only viewer: verdict banner, reports with figures, tables and charts, custody drill-down.

It shows what the bundle holds (each report's saved data and chart images) and never recomputes:
the numbers are the ones that were exported and checksummed. No database, devices or network.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.reports.bundle import BundleReader, CustodyStep, ParcelSummary
from kiosk.reports.model import Cell, Metric, Report, Table
from ui.models import ListTableModel

OK_STYLE = "background:#1e7b34;color:white;font-weight:bold;padding:10px;font-size:15px;"
BAD_STYLE = "background:#b3261e;color:white;font-weight:bold;padding:10px;font-size:15px;"


def row_model(table: Table, parent: QWidget) -> ListTableModel[tuple[Cell, ...]]:
    return ListTableModel([(name, lambda row, i=i: row[i]) for i, name in enumerate(table.columns)], parent)


class ReviewWindow(QMainWindow):
    def __init__(self, reader: BundleReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        manifest = reader.manifest
        period = manifest.get("period", {})
        self.setWindowTitle(f"Packroom review — {manifest.get('property', '')} "
                            f"{period.get('from', '')} – {period.get('to', '')} (read-only)")
        self.setAccessibleName("Review window")

        self.verdict = QLabel(reader.verdict.describe(), self)
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Verdict")
        self.verdict.setStyleSheet(OK_STYLE if reader.verdict.ok else BAD_STYLE)
        self.verdict.setToolTip("\n".join(reader.verdict.checks or reader.verdict.problems))

        self.report_list = QListWidget(self)
        self.report_list.setAccessibleName("Reports")
        for report in reader.reports:
            self.report_list.addItem(report.title)
        self.report_list.currentRowChanged.connect(self._show_report)

        self.title = QLabel("", self)
        self.title.setAccessibleName("Report title")
        self.title.setStyleSheet("font-size:18px;font-weight:bold;")
        self.metrics: ListTableModel[Metric] = ListTableModel([("figure", lambda m: m.label),
                                                               ("value", lambda m: m.text())], self)
        metrics_view = QTableView(self)
        metrics_view.setModel(self.metrics)
        metrics_view.setAccessibleName("Figures")
        metrics_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.table_picker = QComboBox(self)
        self.table_picker.setAccessibleName("Table")
        self.table_picker.currentIndexChanged.connect(self._show_table)
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName("Filter")
        self.filter.setPlaceholderText("Filter rows (any column)")
        self.filter.textChanged.connect(lambda _text: self._show_table(self.table_picker.currentIndex()))
        self.rows: ListTableModel[tuple[Cell, ...]] = ListTableModel([], self)
        self.table_view = QTableView(self)
        self.table_view.setAccessibleName("Report table")
        self.table_view.setModel(self.rows)
        self.table_view.doubleClicked.connect(self._drill_from_row)
        self.row_count = QLabel("", self)
        self.row_count.setAccessibleName("Row count")

        self.charts_box = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts_box)
        charts_scroll = QScrollArea(self)
        charts_scroll.setWidgetResizable(True)
        charts_scroll.setWidget(self.charts_box)
        charts_scroll.setAccessibleName("Charts")

        self.parcel_search = QLineEdit(self)
        self.parcel_search.setAccessibleName("Parcel search")
        self.parcel_search.setPlaceholderText("Parcel code, tracking number (or its end) or unit")
        self.parcel_search.returnPressed.connect(self.find_parcel)
        find = QPushButton("Find parcel", self)
        find.setAccessibleName("Find parcel")
        find.clicked.connect(self.find_parcel)
        self.parcels: ListTableModel[ParcelSummary] = ListTableModel([
            ("code", lambda p: p.code), ("tracking", lambda p: p.tracking_number), ("status", lambda p: p.status),
            ("recipient", lambda p: p.recipient), ("unit", lambda p: p.unit), ("shelf", lambda p: p.shelf),
            ("received", lambda p: p.received_at[:16]), ("closed", lambda p: p.closed_at[:16])], self)
        parcels_view = QTableView(self)
        parcels_view.setAccessibleName("Parcel matches")
        parcels_view.setModel(self.parcels)
        parcels_view.clicked.connect(lambda index: self.show_custody(self.parcels.row_at(index.row())))
        self.custody: ListTableModel[CustodyStep] = ListTableModel([
            ("at", lambda c: c.at[:19]), ("from", lambda c: c.from_status), ("to", lambda c: c.to_status),
            ("by", lambda c: c.actor), ("shelf", lambda c: c.location), ("reason", lambda c: c.reason)], self)
        custody_view = QTableView(self)
        custody_view.setAccessibleName("Custody")
        custody_view.setModel(self.custody)
        custody_view.horizontalHeader().setStretchLastSection(True)
        self.custody_title = QLabel("Choose a parcel to see its chain of custody.", self)
        self.custody_title.setAccessibleName("Custody title")

        table_tab = QWidget(self)
        table_layout = QVBoxLayout(table_tab)
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.table_picker, 1)
        picker_row.addWidget(self.filter, 2)
        table_layout.addLayout(picker_row)
        table_layout.addWidget(self.table_view, 1)
        table_layout.addWidget(self.row_count)
        custody_tab = QWidget(self)
        custody_layout = QVBoxLayout(custody_tab)
        search_row = QHBoxLayout()
        search_row.addWidget(self.parcel_search, 1)
        search_row.addWidget(find)
        custody_layout.addLayout(search_row)
        custody_layout.addWidget(parcels_view, 1)
        custody_layout.addWidget(self.custody_title)
        custody_layout.addWidget(custody_view, 2)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Views")
        self.tabs.addTab(table_tab, "Tables")
        self.tabs.addTab(charts_scroll, "Charts")
        self.tabs.addTab(custody_tab, "Parcel custody")

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addWidget(metrics_view, 1)
        right_layout.addWidget(self.tabs, 3)
        splitter = QSplitter(self)
        splitter.addWidget(self.report_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 4)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.verdict)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.chart_labels: list[QLabel] = []
        if reader.reports:
            self.report_list.setCurrentRow(0)

    # ------------------------------------------------------------------ reports

    @property
    def report(self) -> Report | None:
        row = self.report_list.currentRow()
        return self._reader.reports[row] if 0 <= row < len(self._reader.reports) else None

    def _show_report(self, row: int) -> None:
        report = self.report
        if report is None:
            return
        self.title.setText(f"{report.title} · {report.period.label()}")
        self.metrics.set_rows(report.metrics)
        self.table_picker.blockSignals(True)
        self.table_picker.clear()
        for table in report.tables:
            self.table_picker.addItem(table.title, table.key)
        self.table_picker.blockSignals(False)
        self._show_table(0)
        for label in self.chart_labels:
            label.hide()
            self.charts_layout.removeWidget(label)
            label.deleteLater()
        self.chart_labels = []
        for name, png in self._reader.charts.get(report.key, []):
            label = QLabel(self.charts_box)
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label.setPixmap(pixmap)
            label.setMinimumSize(pixmap.size())  # scroll, never squash the chart
            chart_key = name.rsplit("/", 1)[-1].removesuffix(".png").split("-", 1)[-1]
            title = next((c.title for c in report.charts if c.key == chart_key), chart_key)
            label.setAccessibleName(f"Chart: {title}")
            label.setAlignment(Qt.AlignmentFlag.AlignLeft)
            self.charts_layout.addWidget(label)
            self.chart_labels.append(label)
        self.charts_box.adjustSize()

    def _show_table(self, index: int) -> None:
        report = self.report
        if report is None or not (0 <= index < len(report.tables)):
            self.rows.set_rows([])
            return
        table = report.tables[index]
        model = row_model(table, self)
        self.rows = model
        self.table_view.setModel(model)
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        needle = self.filter.text().strip().lower()
        rows = [r for r in table.rows if not needle or any(needle in str(c).lower() for c in r if c is not None)]
        model.set_rows(rows)
        self.row_count.setText(f"{len(rows)} of {len(table.rows)} rows")

    # ------------------------------------------------------------------ custody

    def _drill_from_row(self, index: object) -> None:
        row = self.rows.row_at(index.row())  # type: ignore[attr-defined]
        for cell in row:
            if isinstance(cell, str) and self._reader.find_parcels(cell, limit=1):
                self.parcel_search.setText(cell)
                self.tabs.setCurrentIndex(2)
                self.find_parcel()
                return

    def find_parcel(self) -> None:
        matches = self._reader.find_parcels(self.parcel_search.text())
        self.parcels.set_rows(matches)
        if len(matches) == 1:
            self.show_custody(matches[0])
        elif not matches:
            self.custody_title.setText("No parcel in this bundle matches.")
            self.custody.set_rows([])

    def show_custody(self, parcel: ParcelSummary) -> None:
        self.custody_title.setText(f"Parcel {parcel.code} · {parcel.tracking_number} · {parcel.status}")
        self.custody.set_rows(self._reader.custody(parcel.id))
