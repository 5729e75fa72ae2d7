"""What a report is, as plain frozen data: figures, tables and chart series over a period.

Reports are computed in the core and leave it as these dataclasses, so the staff screen, the
PDF/CSV/XLSX writers and the review bundle (as JSON) all show the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal

Cell = str | int | float | None
ChartKind = Literal["bar", "stacked", "line", "hbar", "pie"]


@dataclass(frozen=True)
class Period:
    """Local calendar days ``start`` … ``end`` (inclusive) in the building's time zone."""

    start: date
    end: date
    tz: tzinfo = UTC

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def since(self) -> datetime:
        """The first instant of the period, UTC."""
        return datetime.combine(self.start, time(0, 0), tzinfo=self.tz).astimezone(UTC)

    @property
    def until(self) -> datetime:
        """The first instant after the period, UTC (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time(0, 0), tzinfo=self.tz).astimezone(UTC)

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)

    def local_day(self, at: datetime) -> date:
        return at.astimezone(self.tz).date()

    def local_hour(self, at: datetime) -> int:
        return at.astimezone(self.tz).hour

    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    value: int | float | str
    unit: str = ""

    def text(self) -> str:
        if self.value == "—":
            return "—"
        if isinstance(self.value, float):
            if self.unit == "%":
                return f"{self.value * 100:.1f} %"
            return f"{self.value:.1f}{' ' + self.unit if self.unit else ''}"
        return f"{self.value}{' ' + self.unit if self.unit else ''}"


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def column(self, name: str) -> list[Cell]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def as_dicts(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_label: str = ""
    y_label: str = ""


@dataclass(frozen=True)
class Report:
    key: str
    title: str
    period: Period
    generated_at: datetime
    metrics: tuple[Metric, ...]
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def metric(self, key: str) -> int | float | str:
        for metric in self.metrics:
            if metric.key == key:
                return metric.value
        raise KeyError(f"report {self.key!r} has no figure {key!r}")

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"report {self.key!r} has no table {key!r}")

    def chart(self, key: str) -> Chart:
        for chart in self.charts:
            if chart.key == key:
                return chart
        raise KeyError(f"report {self.key!r} has no chart {key!r}")


def report_filename(report: Report, extension: str) -> str:
    """``packroom-KEY-FROM-TO.EXT``: the name exports use for one report."""
    return f"packroom-{report.key}-{report.period.start.isoformat()}-{report.period.end.isoformat()}.{extension}"


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile (0–1) with linear interpolation between order statistics (NumPy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --------------------------------------------------------------------------- JSON (the review bundle)


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "key": report.key,
        "title": report.title,
        "period": {"from": report.period.start.isoformat(), "to": report.period.end.isoformat(),
                   "timezone": str(report.period.tz)},
        "generated_at": report.generated_at.isoformat(),
        "metrics": [{"key": m.key, "label": m.label, "value": m.value, "unit": m.unit} for m in report.metrics],
        "tables": [{"key": t.key, "title": t.title, "columns": list(t.columns), "rows": [list(r) for r in t.rows]}
                   for t in report.tables],
        "charts": [{"key": c.key, "title": c.title, "kind": c.kind, "categories": list(c.categories),
                    "series": [{"name": s.name, "values": list(s.values)} for s in c.series],
                    "x_label": c.x_label, "y_label": c.y_label} for c in report.charts],
        "notes": list(report.notes),
    }


def report_from_dict(data: dict[str, Any]) -> Report:
    """The inverse of :func:`report_to_dict`; the time zone comes back as UTC offsets are not needed."""
    period = Period(date.fromisoformat(data["period"]["from"]), date.fromisoformat(data["period"]["to"]))
    return Report(
        key=str(data["key"]),
        title=str(data["title"]),
        period=period,
        generated_at=datetime.fromisoformat(data["generated_at"]),
        metrics=tuple(Metric(m["key"], m["label"], m["value"], m.get("unit", "")) for m in data["metrics"]),
        tables=tuple(Table(t["key"], t["title"], tuple(t["columns"]), tuple(tuple(r) for r in t["rows"]))
                     for t in data["tables"]),
        charts=tuple(Chart(c["key"], c["title"], c["kind"], tuple(c["categories"]),
                           tuple(Series(s["name"], tuple(s["values"])) for s in c["series"]),
                           c.get("x_label", ""), c.get("y_label", "")) for c in data["charts"]),
        notes=tuple(data.get("notes", ())),
    )
