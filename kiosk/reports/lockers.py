"""The lockers report: utilisation and dwell time per size class, and how many more lockers of each
size would have been used (parcels that fitted a locker but found none free went to the room).

The figures come from :func:`kiosk.services.locker_report.size_usage`; this module only lays them
out as a :class:`~kiosk.reports.model.Report` for the screen, PDF, CSV, XLSX and the bundle.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.reports.model import Cell, Chart, Metric, Period, Report, Series, Table
from kiosk.services.locker_report import SizeUsage, size_usage

SIZE_NAMES = {"S": "small", "M": "medium", "L": "large", "XL": "extra large"}


def _size(usage: SizeUsage) -> str:
    return f"{usage.size.value} ({SIZE_NAMES.get(usage.size.value, usage.size.value)})"


def build_lockers(s: Session, period: Period, now: datetime) -> Report:
    """Per size class: compartments, parcels stored, utilisation, peak, dwell, overflow, more needed."""
    sizes = size_usage(s, period.since, period.until, now)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (_size(u), u.compartments, u.parcels, round(u.utilisation * 100, 1), u.peak_occupied, u.collected,
         u.dwell_mean_hours, u.dwell_median_hours, u.overflow, u.more_needed) for u in sizes)
    compartments = sum(u.compartments for u in sizes)
    busy = sum(u.occupied_hours for u in sizes)
    capacity = sum(u.occupied_hours / u.utilisation for u in sizes if u.utilisation)
    more = [f"{u.more_needed} × {u.size.value}" for u in sizes if u.more_needed]
    metrics = (
        Metric("compartments", "Compartments", compartments),
        Metric("parcels", "Parcels put in lockers", sum(u.parcels for u in sizes)),
        Metric("utilisation", "Utilisation (all sizes)", round(busy / capacity, 4) if capacity else 0.0, "%"),
        Metric("collected", "Collected from lockers", sum(u.collected for u in sizes)),
        Metric("overflow", "Sent to the room: no locker free", sum(u.overflow for u in sizes)),
        Metric("more_needed", "More lockers that would have been used", ", ".join(more) if more else "none"),
    )
    tables = (Table("sizes", "Lockers by size class",
                    ("size", "compartments", "parcels", "utilisation %", "peak occupied", "collected",
                     "dwell mean h", "dwell median h", "overflow to room", "more needed"), rows),)
    categories = tuple(u.size.value for u in sizes)
    charts = (
        Chart("utilisation", "Utilisation by size class", "bar", categories,
              (Series("utilisation %", tuple(round(u.utilisation * 100, 1) for u in sizes)),), "size", "%"),
        Chart("dwell", "Dwell time by size class", "bar", categories,
              (Series("mean", tuple(u.dwell_mean_hours or 0.0 for u in sizes)),
               Series("median", tuple(u.dwell_median_hours or 0.0 for u in sizes))), "size", "hours"),
        Chart("more_needed", "More lockers that would have been used", "bar", categories,
              (Series("overflow to room", tuple(float(u.overflow) for u in sizes)),
               Series("more needed", tuple(float(u.more_needed) for u in sizes))), "size", "compartments"),
    )
    notes: tuple[str, ...] = ()
    if not compartments:
        notes = ("No locker banks are set up.",)
    notes += ("Utilisation: compartment-hours occupied ÷ (compartments × hours in the period). "
              "More needed: the most parcels that fitted a locker of that size but waited in the room "
              "at one moment because none was free.",)
    return Report("lockers", "Lockers", period, now, metrics, tables, charts, notes)
