"""The room's state: unclaimed-parcel aging at the end of a period, and the audits held in it."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk.persistence.models import (
    Audit,
    AuditDiscrepancy,
    AuditScan,
    AuditStatus,
    DiscrepancyKind,
    Parcel,
    ParcelStatus,
    StaffUser,
)
from kiosk.reports.model import Cell, Chart, Metric, Period, Report, Series, Table
from kiosk.services.audits import KIND_TEXT, UnclaimedParcel, discrepancy_infos, group_unclaimed, unclaimed_parcels


def build_aging(s: Session, period: Period, now: datetime, return_after_days: int = 15) -> Report:
    """Parcels still waiting at the end of the period (or now, if sooner), grouped by age."""
    as_of = min(now, period.until)
    parcels = unclaimed_parcels(s, now, waiting_at=as_of)
    grouped = group_unclaimed(parcels, as_of, return_after_days)
    waiting = s.scalar(select(func.count(Parcel.id)).where(
        Parcel.received_at <= as_of, Parcel.status != ParcelStatus.VOIDED,
        or_(Parcel.closed_at.is_(None), Parcel.closed_at > as_of))) or 0
    under = int(waiting) - len(parcels)
    counts = [("0–3 days", under)] + [(label, len(group)) for label, group in grouped.groups]
    metrics = (
        Metric("waiting", "Waiting", int(waiting)),
        *(Metric(f"aged_{i}", f"Waiting {label}", n) for i, (label, n) in enumerate(counts)),
        Metric("return_to_sender", f"Return to sender (≥ {return_after_days} days, not on hold)",
               len(grouped.return_to_sender)),
        Metric("as_of", "As of", as_of.astimezone(period.tz).strftime("%Y-%m-%d %H:%M")),
    )
    columns = ("code", "tracking", "carrier", "recipient", "unit", "shelf", "received", "days", "on hold")

    def rows(items: tuple[UnclaimedParcel, ...]) -> tuple[tuple[Cell, ...], ...]:
        return tuple((p.code, p.tracking_number, p.carrier or "", p.recipient, p.unit, p.shelf or "",
                      p.received_at.astimezone(period.tz).strftime("%Y-%m-%d %H:%M"), p.days,
                      "yes" if p.on_hold else "") for p in items)

    tables = (
        Table("groups", "Waiting parcels by age", ("age", "parcels"), tuple(counts)),
        Table("return_to_sender", "Return-to-sender list", columns, rows(grouped.return_to_sender)),
        Table("unclaimed", "Unclaimed parcels (3 days and more)", columns,
              rows(tuple(p for _, group in grouped.groups for p in group))),
    )
    charts = (Chart("groups", "Waiting parcels by age", "bar", tuple(label for label, _ in counts),
                    (Series("parcels", tuple(float(n) for _, n in counts)),), "age", "parcels"),)
    return Report("aging", "Unclaimed parcels by age", period, now, metrics, tables, charts)


def build_audits(s: Session, period: Period, now: datetime) -> Report:
    """Every audit started in the period with its discrepancies and how each was resolved."""
    audits = s.scalars(select(Audit).where(Audit.started_at >= period.since, Audit.started_at < period.until)
                       .order_by(Audit.started_at)).all()
    ids = [a.id for a in audits]
    names = dict(s.execute(select(StaffUser.id, StaffUser.name)).all())
    discrepancies = discrepancy_infos(s, [AuditDiscrepancy.audit_id.in_(ids)]) if ids else []
    scans = dict(s.execute(select(AuditScan.audit_id, func.count(AuditScan.id))
                           .where(AuditScan.audit_id.in_(ids)).group_by(AuditScan.audit_id)).all()) if ids else {}
    per_audit: Counter[int] = Counter(d.audit_id for d in discrepancies)
    open_per_audit: Counter[int] = Counter(d.audit_id for d in discrepancies if d.open)

    def when(at: datetime | None) -> str:
        return at.astimezone(period.tz).strftime("%Y-%m-%d %H:%M") if at else ""

    audit_rows = tuple(
        (a.id, when(a.started_at), names.get(a.started_by_id, ""), AuditStatus(a.status).value,
         int(scans.get(a.id, 0)), per_audit[a.id], open_per_audit[a.id], when(a.signed_off_at),
         names.get(a.signed_off_by_id, "") if a.signed_off_by_id else "", a.override_reason)
        for a in audits)
    discrepancy_rows = tuple(
        (d.audit_id, KIND_TEXT[d.kind], d.parcel_code or "", d.tracking_number or d.scanned_text, d.recipient,
         d.unit, d.expected_shelf or "", d.found_shelf or "", d.resolution_code or "OPEN", d.resolution_note,
         d.resolved_by or "", when(d.resolved_at))
        for d in discrepancies)
    by_kind = Counter(d.kind for d in discrepancies)
    kinds = list(DiscrepancyKind)
    metrics = (
        Metric("audits", "Audits", len(audits)),
        Metric("signed_off", "Signed off", sum(1 for a in audits if a.status == AuditStatus.SIGNED_OFF)),
        Metric("discrepancies", "Discrepancies", len(discrepancies)),
        Metric("open", "Still open", sum(1 for d in discrepancies if d.open)),
        Metric("overrides", "Signed off with a manager override", sum(1 for a in audits if a.override_reason)),
        *(Metric(f"kind_{k.value}", KIND_TEXT[k].capitalize(), by_kind[k]) for k in kinds),
    )
    tables = (
        Table("audits", "Audits", ("audit", "started", "by", "status", "scans", "discrepancies", "open",
                                   "signed off", "signed off by", "override reason"), audit_rows),
        Table("discrepancies", "Discrepancies", ("audit", "kind", "parcel", "tracking or scan", "recipient", "unit",
                                                 "expected", "found", "resolution", "note", "resolved by",
                                                 "resolved at"), discrepancy_rows),
    )
    charts = (Chart("by_kind", "Discrepancies by kind", "hbar", tuple(KIND_TEXT[k] for k in kinds),
                    (Series("discrepancies", tuple(float(by_kind[k]) for k in kinds)),), "discrepancies", ""),)
    return Report("audit", "Audits", period, now, metrics, tables, charts)
