"""Parcel activity and carrier drop-offs over a period.

* **Activity**: parcels in (received, voided ones excluded) and out (picked up) per local day
  and per hour of day; the carrier mix of what came in; dwell time from intake to pickup for
  the parcels picked up in the period (median and 90th percentile, linear interpolation); and
  the unclaimed rate: of the parcels received in the period, the share not picked up by its end
  (returned, lost or still waiting).
* **Carrier drop-offs**: a carrier's parcels received no more than :data:`DROP_OFF_GAP` apart
  form one drop-off (one visit of the driver); per carrier the visits, parcels per visit and
  busiest hour, and the visits per day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from kiosk.persistence.models import Carrier, Event, Parcel, ParcelStatus
from kiosk.reports.clock import QUARTER, LocalClock, between, epoch
from kiosk.reports.model import Chart, Metric, Period, Report, Series, Table, percentile

DROP_OFF_GAP = timedelta(minutes=30)
DWELL_BUCKETS: tuple[tuple[str, float], ...] = (("< 4 h", 4), ("4–24 h", 24), ("1–2 d", 48), ("2–4 d", 96),
                                                ("4–7 d", 168), ("7 d +", float("inf")))
UNKNOWN_CARRIER = "unknown"


def _carrier_name(code: str | None) -> str:
    return code or UNKNOWN_CARRIER


def build_activity(s: Session, period: Period, now: datetime) -> Report:
    since, until = period.since, period.until
    dialect = s.get_bind().dialect.name
    received_s, closed_s = epoch(Parcel.received_at, dialect), epoch(Parcel.closed_at, dialect)
    claimed = case((and_(Parcel.status == ParcelStatus.PICKED_UP, Parcel.closed_at < until), 1), else_=0)
    arrived = (between(Parcel.received_at, since, until, dialect), Parcel.status != ParcelStatus.VOIDED)
    collected = (Parcel.status == ParcelStatus.PICKED_UP, between(Parcel.closed_at, since, until, dialect))
    # counted per quarter hour by the database, turned into local days and hours here
    received_q = func.floor(received_s / QUARTER).label("q")
    closed_q = func.floor(closed_s / QUARTER).label("q")
    received = s.execute(select(received_q, func.count(), func.sum(claimed)).where(*arrived).group_by("q")).all()
    picked = s.execute(select(closed_q, func.count()).where(*collected).group_by("q")).all()
    carriers: Counter[str] = Counter({_carrier_name(code): int(n) for code, n in s.execute(
        select(Carrier.code, func.count()).select_from(Parcel).outerjoin(Carrier, Carrier.id == Parcel.carrier_id)
        .where(*arrived).group_by(Carrier.code))})
    dwell_hours = [float(seconds) / 3600 for (seconds,) in s.execute(
        select(closed_s - received_s).where(*collected))]

    clock = LocalClock(period.tz)
    days = list(period.days())
    day_in: Counter[object] = Counter()
    day_out: Counter[object] = Counter()
    hour_in: Counter[int] = Counter()
    hour_out: Counter[int] = Counter()
    total_in = claimed_in = 0
    for quarter, n, n_claimed in received:
        day, hour = clock.day_hour(float(quarter) * QUARTER)
        day_in[day] += int(n)
        hour_in[hour] += int(n)
        total_in += int(n)
        claimed_in += int(n_claimed or 0)
    total_out = 0
    for quarter, n in picked:
        day, hour = clock.day_hour(float(quarter) * QUARTER)
        day_out[day] += int(n)
        hour_out[hour] += int(n)
        total_out += int(n)
    unclaimed = total_in - claimed_in

    median = percentile(dwell_hours, 0.5)
    p90 = percentile(dwell_hours, 0.9)
    rate = unclaimed / total_in if total_in else 0.0
    metrics = (
        Metric("received", "Parcels received", total_in),
        Metric("picked_up", "Parcels picked up", total_out),
        Metric("dwell_median_hours", "Dwell time, median", round(median, 2) if median is not None else "—", "h"),
        Metric("dwell_p90_hours", "Dwell time, 90th percentile", round(p90, 2) if p90 is not None else "—", "h"),
        Metric("unclaimed", "Received in the period, not picked up by its end", unclaimed),
        Metric("unclaimed_rate", "Unclaimed rate", round(rate, 4), "%"),
        Metric("busiest_day", "Busiest day (in)", max(days, key=lambda d: day_in[d]).isoformat() if total_in else "—"),
    )
    by_day = Table("by_day", "Parcels in and out by day", ("day", "in", "out"),
                   tuple((d.isoformat(), day_in[d], day_out[d]) for d in days))
    by_hour = Table("by_hour", "Parcels in and out by hour of day", ("hour", "in", "out"),
                    tuple((f"{h:02d}:00", hour_in[h], hour_out[h]) for h in range(24)))
    mix = Table("carriers", "Carrier mix (parcels received)", ("carrier", "parcels", "share"),
                tuple((name, n, round(n / total_in, 4)) for name, n in carriers.most_common()))
    buckets = Counter[str]()
    for hours in dwell_hours:
        buckets[next(label for label, limit in DWELL_BUCKETS if hours < limit)] += 1
    dwell = Table("dwell", "Dwell time from intake to pickup", ("dwell", "parcels"),
                  tuple((label, buckets[label]) for label, _ in DWELL_BUCKETS))
    charts = (
        Chart("by_day", "Parcels in and out by day", "line", tuple(d.isoformat() for d in days),
              (Series("in", tuple(float(day_in[d]) for d in days)),
               Series("out", tuple(float(day_out[d]) for d in days))), "day", "parcels"),
        Chart("by_hour", "By hour of day", "bar", tuple(f"{h:02d}" for h in range(24)),
              (Series("in", tuple(float(hour_in[h]) for h in range(24))),
               Series("out", tuple(float(hour_out[h]) for h in range(24)))), "hour", "parcels"),
        Chart("carriers", "Carrier mix", "pie", tuple(name for name, _ in carriers.most_common()),
              (Series("parcels", tuple(float(n) for _, n in carriers.most_common())),)),
        Chart("dwell", "Dwell time", "bar", tuple(label for label, _ in DWELL_BUCKETS),
              (Series("parcels", tuple(float(buckets[label]) for label, _ in DWELL_BUCKETS)),), "", "parcels"),
    )
    notes = ("Dwell time covers parcels picked up in the period; the unclaimed rate covers parcels "
             "received in it.",)
    return Report("activity", "Parcel activity", period, now, metrics, (by_day, by_hour, mix, dwell), charts, notes)


def build_carriers(s: Session, period: Period, now: datetime) -> Report:
    dialect = s.get_bind().dialect.name
    rows = s.execute(
        select(Carrier.code, epoch(Parcel.received_at, dialect).label("at"))
        .outerjoin(Carrier, Carrier.id == Parcel.carrier_id)
        .where(between(Parcel.received_at, period.since, period.until, dialect),
               Parcel.status != ParcelStatus.VOIDED)
        .order_by(Carrier.code, "at")
    ).all()
    clock = LocalClock(period.tz)
    gap = DROP_OFF_GAP.total_seconds()
    visits: dict[str, list[tuple[float, int]]] = defaultdict(list)  # carrier -> [(start, parcels)]
    last: dict[str, float] = {}
    for code, received_at in rows:
        name = _carrier_name(code)
        if name in last and received_at - last[name] <= gap:
            start, count = visits[name][-1]
            visits[name][-1] = (start, count + 1)
        else:
            visits[name].append((received_at, 1))
        last[name] = received_at
    names = sorted(visits, key=lambda n: (-len(visits[n]), n))
    summary_rows = []
    for name in names:
        hours = Counter(clock.day_hour(start)[1] for start, _ in visits[name])
        parcels = sum(count for _, count in visits[name])
        summary_rows.append((name, len(visits[name]), parcels, round(parcels / len(visits[name]), 2),
                             f"{hours.most_common(1)[0][0]:02d}:00"))
    days = list(period.days())
    per_day: dict[str, Counter[object]] = {n: Counter(clock.day_hour(start)[0] for start, _ in visits[n])
                                           for n in names}
    by_day = Table("by_day", "Drop-offs per day", ("day", *names),
                   tuple((d.isoformat(), *(per_day[n][d] for n in names)) for d in days))
    access = s.scalar(select(func.count(Event.seq)).where(
        Event.kind.like("carrier.%"), Event.at >= period.since, Event.at < period.until)) or 0
    total_visits = sum(len(v) for v in visits.values())
    metrics = (
        Metric("drop_offs", "Drop-offs", total_visits),
        Metric("parcels", "Parcels dropped off", len(rows)),
        Metric("carriers", "Carriers", len(names)),
        Metric("parcels_per_drop_off", "Parcels per drop-off", round(len(rows) / total_visits, 2)
               if total_visits else 0.0),
        Metric("carrier_access_events", "Carrier door-code events", int(access)),
    )
    summary = Table("carriers", "Drop-offs by carrier",
                    ("carrier", "drop-offs", "parcels", "parcels per drop-off", "busiest hour"), tuple(summary_rows))
    hours_all = Counter(clock.day_hour(start)[1] for n in names for start, _ in visits[n])
    charts = (
        Chart("drop_offs", "Drop-offs by carrier", "hbar", tuple(names),
              (Series("drop-offs", tuple(float(len(visits[n])) for n in names)),), "drop-offs", ""),
        Chart("by_hour", "Drop-offs by hour of day", "bar", tuple(f"{h:02d}" for h in range(24)),
              (Series("drop-offs", tuple(float(hours_all[h]) for h in range(24))),), "hour", "drop-offs"),
    )
    notes = (f"Parcels of one carrier received at most {int(DROP_OFF_GAP.total_seconds() // 60)} minutes apart "
             "count as one drop-off.",)
    return Report("carriers", "Carrier drop-offs", period, now, metrics, (summary, by_day), charts, notes)
