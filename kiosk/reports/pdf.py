"""Reports as one PDF: per report its figures and charts, then its tables, with headers on every page.

Laid out with ReportLab's Platypus (fast: a year's tables take a fraction of a second, where
drawing them with matplotlib took many seconds); charts are matplotlib images at print
resolution. Text is set in DejaVu Sans (shipped inside matplotlib) so dashes, "≥" and accents
print. Very long tables are cut after :data:`MAX_PDF_ROWS` rows with a note; the CSV and XLSX
exports always hold every row.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as Grid

from kiosk.reports.charts import render_png
from kiosk.reports.model import Cell, Report, Table

log = logging.getLogger(__name__)

MAX_PDF_ROWS = 1000
MAX_CELL = 40
MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
CHART_WIDTH_IN, CHART_HEIGHT_IN, CHART_DPI = 8.0, 3.4, 120
_fonts: tuple[str, str] | None = None


def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans from matplotlib's data, else Helvetica."""
    global _fonts
    if _fonts is None:
        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        try:
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
            _fonts = ("DejaVuSans", "DejaVuSans-Bold")
        except Exception as exc:  # a stripped matplotlib: fall back to the PDF core font
            log.warning("DejaVu Sans not found (%s); the PDF uses Helvetica", exc)
            _fonts = ("Helvetica", "Helvetica-Bold")
    return _fonts


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    text = str(value)
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=4),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=9, leading=12, spaceAfter=8,
                              textColor=colors.HexColor("#444444")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4),
        "note": ParagraphStyle("note", fontName=regular, fontSize=7.5, leading=10,
                               textColor=colors.HexColor("#555555")),
    }


def _grid(columns: Sequence[str], rows: Sequence[Sequence[str]], widths_chars: Sequence[int] | None = None,
          size: float = 8.0, bold_first_column: bool = False) -> Grid:
    regular, bold = fonts()
    chars = list(widths_chars or [max([len(c), *(len(r[i]) for r in rows)]) + 2 for i, c in enumerate(columns)])
    total = max(sum(chars), 1)
    size = max(5.0, min(size, WIDTH / (total * 0.55)))
    grid = Grid([list(columns), *[list(r) for r in rows]], colWidths=[WIDTH * c / total for c in chars],
                repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), regular, size),
        ("FONT", (0, 0), (-1, 0), bold, size),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#333333")),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    if len(rows) > 1:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f7")]))
    if bold_first_column:
        style.append(("FONT", (1, 1), (1, -1), bold, size))
    grid.setStyle(TableStyle(style))
    return grid


def _chart_image(png: bytes) -> Image:
    width = WIDTH
    return Image(io.BytesIO(png), width=width, height=width * CHART_HEIGHT_IN / CHART_WIDTH_IN)


def _story(report: Report, property_name: str, images: dict[tuple[str, str], bytes] | None) -> list[Any]:
    styles = _styles()
    sub = f"{property_name} · " if property_name else ""
    story: list[Any] = [
        Paragraph(escape(report.title), styles["title"]),
        Paragraph(escape(f"{sub}{report.period.label()} · generated "
                         f"{report.generated_at.astimezone(report.period.tz):%Y-%m-%d %H:%M}"), styles["sub"]),
        _grid(("figure", "value"), [(m.label, m.text()) for m in report.metrics], (60, 20), 9,
              bold_first_column=True),
    ]
    for note in report.notes:
        story += [Spacer(1, 3), Paragraph(escape(note), styles["note"])]
    for chart in report.charts:
        png = (images or {}).get((report.key, chart.key)) or render_png(chart, CHART_WIDTH_IN, CHART_HEIGHT_IN,
                                                                         CHART_DPI)
        story += [Spacer(1, 6), _chart_image(png)]
    for table in report.tables:
        story += _table(table, styles)
    return story


def _table(table: Table, styles: dict[str, ParagraphStyle]) -> list[Any]:
    rows = [[_text(c) for c in row] for row in table.rows[:MAX_PDF_ROWS]]
    heading = Paragraph(escape(table.title), styles["h2"])
    if not rows:
        return [KeepTogether([heading, Paragraph("no rows in this period", styles["note"])])]
    parts: list[Any] = [heading, _grid([_text(c) for c in table.columns], rows)]
    if len(table.rows) > MAX_PDF_ROWS:
        parts.append(Paragraph(f"… {len(table.rows) - MAX_PDF_ROWS} more rows in the CSV and XLSX exports",
                               styles["note"]))
    return parts


def write_pdf(reports: Sequence[Report], path: Path, property_name: str = "",
              images: dict[tuple[str, str], bytes] | None = None) -> Path:
    """Write ``reports`` into one PDF at ``path`` (its folder must exist); each report starts a page.

    ``images`` may hold chart PNGs already rendered, keyed by (report key, chart key).
    """
    regular, _bold = fonts()
    story: list[Any] = []
    for index, report in enumerate(reports):
        if index:
            story.append(PageBreak())
        story += _story(report, property_name, images)
    titles = {id(r): r.title for r in reports}
    header = "Packroom · " + (reports[0].period.label() if reports else "")

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(MARGIN, A4[1] - 10 * mm, header)
        canvas.drawRightString(A4[0] - MARGIN, 8 * mm, f"page {doc.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=16 * mm, bottomMargin=14 * mm, title=", ".join(titles.values()),
                                 author="Packroom", creator="Packroom")
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path
