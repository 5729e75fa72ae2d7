"""Charts drawn with matplotlib's object API on the Agg canvas (no pyplot, no GUI backend, thread-safe)."""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from kiosk.reports.model import Chart

PALETTE = ("#1f5f8b", "#e07b39", "#3a9d5d", "#c23b3b", "#7d5ba6", "#8c6d31", "#d16ba5", "#5f6b6d")
MAX_PIE_SLICES = 8
MAX_TICKS = 14


def draw(ax: Axes, chart: Chart) -> None:
    """Draw ``chart`` on ``ax``; an empty chart says so instead of showing blank axes."""
    ax.set_title(chart.title, fontsize=10, loc="left")
    total = sum(sum(s.values) for s in chart.series)
    if not chart.categories or total == 0:
        ax.text(0.5, 0.5, "no data in this period", ha="center", va="center", transform=ax.transAxes,
                color="#666666")
        ax.set_xticks([])
        ax.set_yticks([])
        return
    n = len(chart.categories)
    positions = list(range(n))
    if chart.kind == "pie":
        pairs = sorted(zip(chart.categories, chart.series[0].values, strict=True), key=lambda p: -p[1])
        if len(pairs) > MAX_PIE_SLICES:
            rest = sum(v for _, v in pairs[MAX_PIE_SLICES - 1:])
            pairs = [*pairs[:MAX_PIE_SLICES - 1], ("other", rest)]
        ax.pie([v for _, v in pairs], labels=[c for c, _ in pairs], colors=PALETTE[:len(pairs)],
               autopct="%1.0f%%", textprops={"fontsize": 8}, startangle=90, counterclock=False)
        ax.axis("equal")
        return
    width = 0.8 / max(len(chart.series), 1)
    for i, series in enumerate(chart.series):
        color = PALETTE[i % len(PALETTE)]
        if chart.kind == "line":
            ax.plot(positions, series.values, label=series.name, color=color, linewidth=1.2)
        elif chart.kind == "hbar":
            ax.barh([p + i * width - 0.4 + width / 2 for p in positions], series.values, height=width,
                    label=series.name, color=color)
        else:
            ax.bar([p + i * width - 0.4 + width / 2 for p in positions], series.values, width=width,
                   label=series.name, color=color)
    step = max(1, -(-n // MAX_TICKS))
    ticks = positions[::step]
    labels = [chart.categories[p] for p in ticks]
    if chart.kind == "hbar":
        ax.set_yticks(ticks, labels, fontsize=8)
        ax.invert_yaxis()
    else:
        ax.set_xticks(ticks, labels, fontsize=7, rotation=45 if chart.kind == "line" or n > 12 else 0,
                      ha="right" if chart.kind == "line" or n > 12 else "center")
    ax.tick_params(labelsize=7)
    if chart.x_label:
        ax.set_xlabel(chart.x_label, fontsize=8)
    if chart.y_label:
        ax.set_ylabel(chart.y_label, fontsize=8)
    ax.grid(axis="x" if chart.kind == "hbar" else "y", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    if len(chart.series) > 1:
        ax.legend(fontsize=7, frameon=False)


def render_png(chart: Chart, width: float = 8.0, height: float = 3.6, dpi: int = 100) -> bytes:
    """The chart as PNG bytes (``width`` × ``height`` inches at ``dpi``)."""
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot(1, 1, 1)
    draw(ax, chart)
    # fixed margins rather than tight_layout(), which draws the whole figure a second time
    rotated = chart.kind == "line" or (chart.kind in ("bar", "stacked") and len(chart.categories) > 12)
    left = 0.05 if chart.kind == "pie" else 0.26 if chart.kind == "hbar" else 0.08
    figure.subplots_adjust(left=left, right=0.98, top=0.88, bottom=0.3 if rotated else 0.16)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()
