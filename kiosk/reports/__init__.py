"""Reports for managers over a date range: audits, unclaimed aging, activity, staff, doors, carriers.

Each report is plain data (:mod:`kiosk.reports.model`), built by :class:`ReportService` and
written as PDF with charts, CSV or XLSX; :mod:`kiosk.reports.bundle` packs them with the data
into a tamper-evident review bundle.
"""

from kiosk.reports.model import Chart, Metric, Period, Report, Series, Table
from kiosk.reports.service import CATALOGUE, ReportError, ReportService

__all__ = ["CATALOGUE", "Chart", "Metric", "Period", "Report", "ReportError", "ReportService", "Series", "Table"]
