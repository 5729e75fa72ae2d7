"""The offline review bundle: one zip a manager opens read-only on any PC, and proof it is unaltered.

Members: ``reports/reports.pdf`` and ``reports/reports.xlsx`` (every report), ``reports/KEY.json``
(each report's plain data, which the viewer shows), ``charts/KEY-CHART.png``, ``data/*.csv`` and
``data/snapshot.sqlite3`` (a read-only SQLite copy of the range: parcels, custody, audits and the
event log, with staff PIN hashes, resident contacts and pickup secrets left out), and
``manifest.json``: the SHA-256 and size of every other member, the period, and the event-log chain
for the range (the hash before its first event and after its last, the "chain head").

Tamper evidence, checked by :func:`verify_bundle`:

* the zip's comment is a seal, the SHA-256 of every byte of the file before it, so a changed
  byte anywhere (data, headers, directory) is caught;
* the manifest carries the SHA-256 of its own canonical content, and each member's hash;
* the snapshot's events are re-hashed from the anchor and must end at the manifest's chain head,
  which a manager can also compare with ``packroom log verify`` on the kiosk.

These are checksums, not signatures: they catch any accidental or casual change, but someone who
rewrites a bundle and recomputes every hash is caught only by comparing the chain head with the
kiosk's own log.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import Table as SqlTable
from sqlalchemy import create_engine, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateTable

from kiosk import __version__
from kiosk.eventlog import GENESIS, event_hash
from kiosk.persistence.models import (
    Audit,
    AuditDiscrepancy,
    AuditScan,
    Carrier,
    Event,
    EventChainHead,
    Hold,
    Parcel,
    ParcelTransition,
    Property,
    Resident,
    StaffUser,
    StorageLocation,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.reports.model import Report, report_from_dict, report_to_dict
from kiosk.reports.service import ReportService

log = logging.getLogger(__name__)

FORMAT = "packroom-review-bundle"
VERSION = 1
MANIFEST = "manifest.json"
SNAPSHOT = "data/snapshot.sqlite3"
SEAL_PREFIX = b"packroom-sha256:"
SEAL_LENGTH = len(SEAL_PREFIX) + 64
MAX_BUNDLE_BYTES = 4 << 30
_BATCH = 5000


class BundleError(Exception):
    """A bundle cannot be written or read; the message says why."""


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    size: int
    members: int
    chain_head: str
    events: int
    reports: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify_bundle` found: ``ok`` only if every check passed."""

    ok: bool
    problems: tuple[str, ...]
    checks: tuple[str, ...]
    manifest: Mapping[str, Any] | None = field(default=None, compare=False)

    def describe(self) -> str:
        if self.ok:
            period = self.manifest["period"] if self.manifest else {}
            chain = self.manifest["event_chain"] if self.manifest else {}
            return (f"INTACT: bundle for {period.get('from')} – {period.get('to')}, "
                    f"{len(self.manifest['members']) if self.manifest else 0} members verified, "
                    f"event-log chain head {str(chain.get('head_hash', ''))[:16]}… "
                    f"(event #{chain.get('last_seq')})")
        return "ALTERED or damaged: " + "; ".join(self.problems)


# --------------------------------------------------------------------------- writing


def export_bundle(db: Database, settings: Mapping[str, Any], start: date, end: date, out: Path,
                  now: datetime | None = None) -> BundleInfo:
    """Write the review bundle for local days ``start``–``end`` to ``out`` (replaced if it exists)."""
    now = now or datetime.now(UTC)
    service = ReportService(db, settings)
    period = service.period(start, end)
    reports = service.build_all(start, end, now)
    out = out.expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="packroom-bundle-") as tmp:
        work = Path(tmp)
        members: dict[str, Path | bytes] = {}
        from kiosk.reports.charts import render_png

        images = {(report.key, chart.key): render_png(chart, 8.0, 3.4, 100)
                  for report in reports for chart in report.charts}
        members["reports/reports.pdf"] = service.export_pdf(reports, work / "reports.pdf", images)
        members["reports/reports.xlsx"] = service.export_xlsx(reports, work / "reports.xlsx", images)
        report_entries = []
        for report in reports:
            members[f"reports/{report.key}.json"] = _json_bytes(report_to_dict(report))
            charts = []
            for chart in report.charts:
                name = f"charts/{report.key}-{chart.key}.png"
                members[name] = images[(report.key, chart.key)]
                charts.append(name)
            report_entries.append({"key": report.key, "title": report.title, "data": f"reports/{report.key}.json",
                                   "charts": charts})
        snapshot = work / "snapshot.sqlite3"
        chain = _write_snapshot(db, snapshot, period.since, period.until)
        members[SNAPSHOT] = snapshot
        for name, data in _data_csvs(snapshot):
            members[f"data/{name}"] = data
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "generator": f"packroom {__version__}",
            "created_at": now.isoformat(),
            "property": service.property_name,
            "period": {"from": start.isoformat(), "to": end.isoformat(), "timezone": str(period.tz),
                       "since_utc": period.since.isoformat(), "until_utc": period.until.isoformat()},
            "reports": report_entries,
            "members": [],
            "event_chain": chain,
        }
        partial = out.with_name(out.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            stamp = now.astimezone().timetuple()[:6]
            for name, content in members.items():
                data = content.read_bytes() if isinstance(content, Path) else content
                manifest["members"].append({"name": name, "size": len(data),
                                            "sha256": hashlib.sha256(data).hexdigest()})
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_STORED if name.endswith((".png", ".xlsx")) else zipfile.ZIP_DEFLATED
                info.external_attr = (0o444 if name == SNAPSHOT else 0o644) << 16
                archive.writestr(info, data, compresslevel=1)
            manifest["manifest_sha256"] = _manifest_digest(manifest)
            info = zipfile.ZipInfo(MANIFEST, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _json_bytes(manifest))
            archive.comment = SEAL_PREFIX + b"0" * 64
        _seal(partial)
        partial.replace(out)
    return BundleInfo(out, out.stat().st_size, len(manifest["members"]) + 1, chain["head_hash"], chain["count"],
                      tuple(r.key for r in reports))


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str).encode("utf-8")


def _manifest_digest(manifest: Mapping[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _seal(path: Path) -> None:
    """Overwrite the placeholder comment with the SHA-256 of every byte before the digest."""
    with path.open("r+b") as handle:
        data = handle.read()
        if not data.endswith(SEAL_PREFIX + b"0" * 64):
            raise BundleError("the bundle's seal placeholder is missing")
        digest = hashlib.sha256(data[:-64]).hexdigest().encode("ascii")
        handle.seek(len(data) - 64)
        handle.write(digest)


def _copy(source: Connection, target: Connection, table: SqlTable, where: Sequence[Any] = (),
          mask: Mapping[str, Any] | None = None) -> int:
    query = select(table).where(*where)
    copied = 0
    result = source.execution_options(yield_per=_BATCH).execute(query)
    for rows in result.partitions(_BATCH):
        batch = [dict(row._mapping) for row in rows]
        if mask:
            for row in batch:
                row.update(mask)
        target.execute(table.insert(), batch)
        copied += len(batch)
    return copied


# julianday() keeps SQLite off the indexes: a plain scan is faster for a report's long ranges
_PARCELS_IN_RANGE = ("julianday(received_at) < julianday(:until) AND (julianday(received_at) >= julianday(:since) "
                     "OR closed_at IS NULL OR julianday(closed_at) >= julianday(:since))")
_PARCEL_IDS = f"SELECT id FROM main.parcels WHERE {_PARCELS_IN_RANGE}"
_RESIDENT_IDS = f"SELECT resident_id FROM main.parcels WHERE {_PARCELS_IN_RANGE} AND resident_id IS NOT NULL"
_AUDIT_IDS = "SELECT id FROM main.audits WHERE started_at >= :since AND started_at < :until"
_MASKS: dict[str, dict[str, str]] = {
    "staff_users": {"pin_hash": "''", "badge_id": "NULL"},
    "residents": {"email": "NULL", "mobile": "NULL", "badge_id": "NULL", "external_id": "NULL"},
}
#: table → the rows of the range (SQL over the source database, attached as ``main``)
_SQLITE_RANGES: dict[str, str] = {
    "properties": "1", "units": "1", "carriers": "1", "storage_locations": "1", "staff_users": "1",
    "residents": f"id IN ({_RESIDENT_IDS})",
    "parcels": _PARCELS_IN_RANGE,
    "parcel_transitions": f"parcel_id IN ({_PARCEL_IDS})",
    "holds": f"parcel_id IN ({_PARCEL_IDS}) OR resident_id IN ({_RESIDENT_IDS})",
    "audits": f"id IN ({_AUDIT_IDS})",
    "audit_scans": f"audit_id IN ({_AUDIT_IDS})",
    "audit_discrepancies": f"audit_id IN ({_AUDIT_IDS})",
    "events": "seq >= :first AND seq <= :last",
}


#: what the viewer looks up (parcel by code, tracking or unit; a parcel's custody)
_SNAPSHOT_INDEXES = (
    "CREATE INDEX ix_snapshot_parcels_tracking ON parcels (tracking_number)",
    "CREATE INDEX ix_snapshot_transitions_parcel ON parcel_transitions (parcel_id)",
    "CREATE INDEX ix_snapshot_events_at ON events (at)",
)


def _sqlite_time(at: datetime) -> str:
    """How SQLAlchemy stores a UTC instant in SQLite (naive, microseconds), for SQL written by hand."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _write_snapshot(db: Database, path: Path, since: datetime, until: datetime) -> dict[str, Any]:
    """Copy the range into a fresh SQLite file; return the event chain of the range."""
    target_engine = create_engine(f"sqlite:///{path}")
    t = {m.__tablename__: m.__table__ for m in (Property, Unit, Resident, StaffUser, Carrier, StorageLocation,
                                                  Parcel, ParcelTransition, Hold, Audit, AuditScan,
                                                  AuditDiscrepancy, Event)}
    with target_engine.begin() as ddl:
        for table in t.values():  # tables only: indexes are built once the rows are in (much faster)
            ddl.execute(CreateTable(table))  # type: ignore[arg-type]
    with db.reader() as uow:
        first, last = uow.session.execute(select(func.min(Event.seq), func.max(Event.seq))
                                          .where(Event.at >= since, Event.at < until)).one()
        anchor = GENESIS
        if first is not None and first > 1:
            anchor = uow.session.scalar(select(Event.hash).where(Event.seq == first - 1)) or ""
        head = uow.session.get(EventChainHead, 1)
        log_head = {"seq": head.seq, "hash": head.hash} if head else {"seq": 0, "hash": GENESIS}
        if db.dialect == "sqlite":
            target_engine.dispose()
            _copy_sqlite(uow.session.connection(), path, t, since, until, first, last)  # type: ignore[arg-type]
        else:
            with target_engine.begin() as target:
                _copy_generic(uow.session.connection(), target, t, since, until, first, last)  # type: ignore
            target_engine.dispose()
    finishing = sqlite3.connect(path)
    try:
        for statement in _SNAPSHOT_INDEXES:
            finishing.execute(statement)
        finishing.commit()
        finishing.execute("VACUUM")
    finally:
        finishing.close()
    check = _check_chain(path, anchor)
    return {"first_seq": first, "last_seq": last, "count": check.count, "anchor_hash": anchor,
            "head_hash": check.head, "intact_at_export": check.ok, "problem_at_export": check.problem,
            "log_head_seq": log_head["seq"], "log_head_hash": log_head["hash"]}


def _copy_sqlite(source: Connection, path: Path, tables: Mapping[str, SqlTable], since: datetime,
                 until: datetime, first: int | None, last: int | None) -> None:
    """SQLite: attach the snapshot to the reading connection and copy inside SQLite (no Python per row)."""
    params = {"since": _sqlite_time(since), "until": _sqlite_time(until), "first": first or 0, "last": last or -1}
    # The reader's transaction is open (a consistent view); ATTACH needs none, so copy on a second connection.
    copier = sqlite3.connect(f"file:{_sqlite_file(source)}?mode=ro", uri=True)
    try:
        copier.execute("ATTACH DATABASE ? AS snap", (str(path),))
        copier.execute("BEGIN")
        for name, where in _SQLITE_RANGES.items():
            columns = [c.name for c in tables[name].columns]
            masks = _MASKS.get(name, {})
            chosen = ", ".join(masks.get(c, f'"{c}"') for c in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            copier.execute(f'INSERT INTO snap."{name}" ({names}) SELECT {chosen} FROM main."{name}" WHERE {where}',
                           params)
        copier.execute("COMMIT")
        copier.execute("DETACH DATABASE snap")
    finally:
        copier.close()


def _sqlite_file(connection: Connection) -> str:
    database = connection.engine.url.database
    if not database:
        raise BundleError("an in-memory database cannot be exported")
    return str(Path(database).resolve())


def _copy_generic(source: Connection, target: Connection, t: Mapping[str, SqlTable], since: datetime,
                  until: datetime, first: int | None, last: int | None) -> None:
    """Any database (PostgreSQL): copy through SQLAlchemy, batch by batch."""
    in_range = (Parcel.received_at < until, or_(Parcel.received_at >= since, Parcel.closed_at.is_(None),
                                                Parcel.closed_at >= since))
    parcel_ids = select(Parcel.id).where(*in_range)
    audit_ids = select(Audit.id).where(Audit.started_at >= since, Audit.started_at < until)
    resident_ids = select(Parcel.resident_id).where(*in_range, Parcel.resident_id.is_not(None))
    for name in ("properties", "units", "carriers", "storage_locations"):
        _copy(source, target, t[name])
    _copy(source, target, t["staff_users"], mask={"pin_hash": "", "badge_id": None})
    _copy(source, target, t["residents"], [Resident.id.in_(resident_ids)],
          mask={"email": None, "mobile": None, "badge_id": None, "external_id": None})
    _copy(source, target, t["parcels"], list(in_range))
    _copy(source, target, t["parcel_transitions"], [ParcelTransition.parcel_id.in_(parcel_ids)])
    _copy(source, target, t["holds"], [or_(Hold.parcel_id.in_(parcel_ids), Hold.resident_id.in_(resident_ids))])
    _copy(source, target, t["audits"], [Audit.id.in_(audit_ids)])
    _copy(source, target, t["audit_scans"], [AuditScan.audit_id.in_(audit_ids)])
    _copy(source, target, t["audit_discrepancies"], [AuditDiscrepancy.audit_id.in_(audit_ids)])
    if first is not None:
        # every event between the range's first and last, so the chain is unbroken
        _copy(source, target, t["events"], [Event.seq >= first, Event.seq <= last])


def _data_csvs(snapshot: Path) -> Iterator[tuple[str, bytes]]:
    queries = {
        "parcels.csv": "SELECT * FROM parcels ORDER BY id",
        "transitions.csv": "SELECT * FROM parcel_transitions ORDER BY id",
        "events.csv": "SELECT * FROM events ORDER BY seq",
        "audits.csv": "SELECT * FROM audits ORDER BY id",
        "discrepancies.csv": "SELECT * FROM audit_discrepancies ORDER BY id",
    }
    connection = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        for name, query in queries.items():
            cursor = connection.execute(query)
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow([d[0] for d in cursor.description])
            writer.writerows(cursor)
            yield name, buffer.getvalue().encode("utf-8")
    finally:
        connection.close()


@dataclass(frozen=True)
class _Chain:
    ok: bool
    count: int
    head: str
    problem: str = ""


def _check_chain(snapshot: Path, anchor: str) -> _Chain:
    """Re-hash the snapshot's events from ``anchor``: each must link to the one before and match its hash."""
    connection = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        return _walk_chain(connection.execute(
            "SELECT seq, at, kind, actor_kind, actor_id, actor_label, subject_kind, subject_id, kiosk, data, "
            "prev_hash, hash FROM events ORDER BY seq"), anchor)
    finally:
        connection.close()


def _walk_chain(rows: Iterator[tuple[Any, ...]], anchor: str) -> _Chain:
    prev = anchor
    count = 0
    expected_seq: int | None = None
    for seq, at, kind, actor_kind, actor_id, actor_label, subject_kind, subject_id, kiosk, data, \
            prev_hash, stored in rows:
        if expected_seq is not None and seq != expected_seq:
            return _Chain(False, count, prev, f"event #{expected_seq} is missing from the snapshot")
        if prev_hash != prev:
            return _Chain(False, count, prev, f"event #{seq} does not link to the event before it")
        moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
        computed = event_hash(prev, seq, moment, kind, (actor_kind, actor_id, actor_label),
                              (subject_kind, subject_id), kiosk, json.loads(data) if data else {})
        if computed != stored:
            return _Chain(False, count, prev, f"event #{seq} was changed after it was written")
        prev = stored
        count += 1
        expected_seq = seq + 1
    return _Chain(True, count, prev)


# --------------------------------------------------------------------------- verifying and reading


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name


def verify_bundle(path: Path) -> Verdict:
    """Check a bundle completely; every problem found is listed (the first one is the most basic)."""
    problems: list[str] = []
    checks: list[str] = []
    path = Path(path).expanduser()
    if not path.is_file():
        return Verdict(False, (f"{path}: no such file",), ())
    size = path.stat().st_size
    if size > MAX_BUNDLE_BYTES:
        return Verdict(False, (f"{path} is too large to be a review bundle",), ())
    data = path.read_bytes()
    if len(data) < SEAL_LENGTH or data[-SEAL_LENGTH:-64] != SEAL_PREFIX:
        problems.append("the file has no Packroom seal (not a review bundle, or its end was changed)")
    elif hashlib.sha256(data[:-64]).hexdigest().encode("ascii") != data[-64:]:
        problems.append("the file was changed after it was exported (its seal does not match its content)")
    else:
        checks.append("seal over every byte of the file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return Verdict(False, (*problems, f"not a readable zip file ({exc})"), tuple(checks))
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
        except KeyError:
            return Verdict(False, (*problems, "manifest.json is missing"), tuple(checks))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            return Verdict(False, (*problems, f"manifest.json cannot be read ({exc})"), tuple(checks))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            return Verdict(False, (*problems, "manifest.json is not a Packroom review-bundle manifest"),
                           tuple(checks))
        if manifest.get("version") != VERSION:
            problems.append(f"bundle format version {manifest.get('version')!r} is not one this Packroom reads")
        if manifest.get("manifest_sha256") != _manifest_digest(manifest):
            problems.append("manifest.json was altered (its own checksum does not match)")
        else:
            checks.append("manifest checksum")
        listed: dict[str, dict[str, Any]] = {str(m.get("name")): m for m in manifest.get("members", [])
                                             if isinstance(m, dict)}
        names = [i.filename for i in archive.infolist()]
        if len(names) != len(set(names)):
            problems.append("the zip holds two members with the same name")
        for name in sorted(set(names) - set(listed) - {MANIFEST}):
            problems.append(f"{name} is in the zip but not in the manifest")
        for name in sorted(set(listed) - set(names)):
            problems.append(f"{name} is listed in the manifest but missing from the zip")
        bad_members = 0
        for name, entry in listed.items():
            if name not in names:
                continue
            if not _safe_name(name):
                problems.append(f"{name!r} is not a safe member name")
                continue
            try:
                content = archive.read(name)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # CRC or compression damage
                problems.append(f"{name} is damaged ({exc})")
                bad_members += 1
                continue
            if len(content) != entry.get("size") or hashlib.sha256(content).hexdigest() != entry.get("sha256"):
                problems.append(f"{name} was altered (its SHA-256 does not match the manifest)")
                bad_members += 1
        if not bad_members:
            checks.append(f"SHA-256 of {len(listed)} members")
        chain = manifest.get("event_chain") or {}
        if SNAPSHOT in names and SNAPSHOT in listed:
            with tempfile.TemporaryDirectory(prefix="packroom-verify-") as tmp:
                snapshot = Path(tmp) / "snapshot.sqlite3"
                snapshot.write_bytes(archive.read(SNAPSHOT))
                try:
                    result = _check_chain(snapshot, str(chain.get("anchor_hash", "")))
                except (sqlite3.Error, ValueError, TypeError) as exc:
                    problems.append(f"the snapshot's event log cannot be read ({exc})")
                else:
                    if not result.ok:
                        problems.append(f"event log in the snapshot is broken: {result.problem}")
                    elif result.head != chain.get("head_hash") or result.count != chain.get("count"):
                        problems.append("the snapshot's event-log chain does not end at the manifest's chain head")
                    else:
                        checks.append(f"event-log chain of {result.count} events up to the chain head")
        if chain and not chain.get("intact_at_export", True):
            problems.append(f"the kiosk's event log was already broken at export: {chain.get('problem_at_export')}")
    return Verdict(not problems, tuple(problems), tuple(checks), manifest)


@dataclass(frozen=True)
class CustodyStep:
    at: str
    from_status: str
    to_status: str
    actor: str
    location: str
    reason: str


@dataclass(frozen=True)
class ParcelSummary:
    id: int
    code: str
    tracking_number: str
    status: str
    recipient: str
    unit: str
    shelf: str
    received_at: str
    closed_at: str


class BundleReader:
    """A bundle opened for the viewer: its verdict, its reports and a parcel's custody from the snapshot."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()
        self.verdict = verify_bundle(self.path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise BundleError(f"{self.path} cannot be opened as a review bundle: {exc}") from None
        self._tmp = Path(tempfile.mkdtemp(prefix="packroom-review-"))
        self.manifest: Mapping[str, Any] = self.verdict.manifest or {}
        self.reports: list[Report] = []
        self.charts: dict[str, list[tuple[str, bytes]]] = {}
        for entry in self.manifest.get("reports", []):
            try:
                self.reports.append(report_from_dict(json.loads(self._zip.read(entry["data"]))))
                self.charts[entry["key"]] = [(name, self._zip.read(name)) for name in entry.get("charts", [])]
            except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
                log.warning("report %s in %s cannot be read: %s", entry, self.path, exc)
        self._snapshot: Path | None = None
        try:
            self._snapshot = self._tmp / "snapshot.sqlite3"
            with self._zip.open(SNAPSHOT) as source, self._snapshot.open("wb") as target:
                shutil.copyfileobj(source, target)
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            log.warning("no readable snapshot in %s: %s", self.path, exc)
            self._snapshot = None

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        if self._snapshot is None:
            return []
        connection = sqlite3.connect(f"file:{self._snapshot}?mode=ro&immutable=1", uri=True)
        try:
            return list(connection.execute(sql, tuple(params)))
        except sqlite3.Error as exc:
            log.warning("snapshot query failed: %s", exc)
            return []
        finally:
            connection.close()

    _PARCELS = ("SELECT p.id, p.code, p.tracking_number, p.status, "
                "COALESCE(r.first_name || ' ' || substr(r.last_name, 1, 1) || '.', ''), COALESCE(u.number, ''), "
                "COALESCE(l.code, ''), p.received_at, COALESCE(p.closed_at, '') FROM parcels p "
                "LEFT JOIN residents r ON r.id = p.resident_id LEFT JOIN units u ON u.id = p.unit_id "
                "LEFT JOIN storage_locations l ON l.id = p.location_id ")

    def find_parcels(self, text: str, limit: int = 50) -> list[ParcelSummary]:
        """Parcels whose code, tracking number (or its end) or unit matches ``text``."""
        q = text.strip().upper()
        if not q:
            return []
        rows = self._query(self._PARCELS + "WHERE p.code = ? OR p.tracking_number LIKE ? OR u.number = ? "
                           "ORDER BY p.received_at DESC LIMIT ?", (q, f"%{q}", q, limit))
        return [ParcelSummary(*row) for row in rows]

    def custody(self, parcel_id: int) -> list[CustodyStep]:
        rows = self._query(
            "SELECT t.at, COALESCE(t.from_status, ''), t.to_status, COALESCE(NULLIF(t.actor_label, ''), "
            "t.actor_kind), COALESCE(l.code, ''), t.reason FROM parcel_transitions t "
            "LEFT JOIN storage_locations l ON l.id = t.location_id WHERE t.parcel_id = ? ORDER BY t.id",
            (parcel_id,))
        return [CustodyStep(*row) for row in rows]

    def close(self) -> None:
        self._zip.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class BundleExporter:
    """``export(start, end, out)`` bound to a database and settings, for screens that write bundles."""

    def __init__(self, db: Database, settings: Mapping[str, Any]) -> None:
        self._db = db
        self._settings = settings

    def export(self, start: date, end: date, out: Path) -> BundleInfo:
        return export_bundle(self._db, self._settings, start, end, out)
