"""Reports as CSV (one file per table, plus the figures) and as XLSX (one workbook, charts as images)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Font

from kiosk.reports.charts import render_png
from kiosk.reports.model import Report, Table

CHART_ROWS = 20  # rows one chart image takes on the charts sheet


def _write_table(path: Path, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:  # the BOM makes Excel read UTF-8
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def write_csv(report: Report, folder: Path) -> list[Path]:
    """``{report}-summary.csv`` and ``{report}-{table}.csv`` for each table, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"packroom-{report.key}-{report.period.start.isoformat()}-{report.period.end.isoformat()}"
    written = [_write_table(folder / f"{stem}-summary.csv", ("figure", "value", "unit"),
                            [(m.label, m.value, m.unit) for m in report.metrics])]
    for table in report.tables:
        written.append(_write_table(folder / f"{stem}-{table.key}.csv", table.columns, table.rows))
    return written


def _sheet_name(taken: set[str], wanted: str) -> str:
    name = "".join(c if c not in "[]:*?/\\" else "-" for c in wanted)[:31]
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]}~{n}"
        n += 1
    taken.add(name)
    return name


def _fill(sheet: object, table: Table) -> None:
    sheet.append(list(table.columns))  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))  # type: ignore[attr-defined]
    for index, column in enumerate(table.columns):
        width = max([len(str(column)), *(len(str(r[index])) for r in table.rows[:200])]) + 2
        sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width = min(width, 48)  # type: ignore


def write_xlsx(reports: Sequence[Report], path: Path,
               images: Mapping[tuple[str, str], bytes] | None = None) -> Path:
    """One workbook: per report a figures sheet, a sheet per table and a sheet of chart images.

    ``images`` may hold PNGs already rendered, keyed by (report key, chart key).
    """
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    taken: set[str] = set()
    single = len(reports) == 1
    for report in reports:
        prefix = "" if single else f"{report.key} "
        summary = book.create_sheet(_sheet_name(taken, f"{prefix}summary" if prefix else "Summary"))
        summary.append([report.title, report.period.label()])
        summary["A1"].font = Font(bold=True, size=13)
        summary.append([])
        for metric in report.metrics:
            summary.append([metric.label, metric.value, metric.unit])
        for note in report.notes:
            summary.append([note])
        summary.column_dimensions["A"].width = 52
        summary.column_dimensions["B"].width = 18
        for table in report.tables:
            _fill(book.create_sheet(_sheet_name(taken, f"{prefix}{table.key}")), table)
        if report.charts:
            charts = book.create_sheet(_sheet_name(taken, f"{prefix}charts"))
            for i, chart in enumerate(report.charts):
                png = (images or {}).get((report.key, chart.key)) or render_png(chart, dpi=80)
                image = SheetImage(io.BytesIO(png))
                charts.add_image(image, f"A{1 + i * CHART_ROWS}")
    book.save(path)
    return path
