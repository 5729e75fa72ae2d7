"""The outbox sender: claims due notices, merges a resident's arrivals, sends, records the outcome.

Lifecycle of one message
------------------------
1. **Plan** (once, :mod:`kiosk.notifications.batching`): a PENDING message with no
   ``not_before`` gets one. Arrivals wait for the batching window (``created_at +
   notifications.batch_minutes``) so several parcels become one notice; an arrival for a
   resident on a vacation hold waits until the hold ends; other kinds are due at once. Only
   planned messages are ever sent.
2. **Quiet hours**: a due SMS inside quiet hours gets ``not_before`` = the end of quiet hours
   (perishable notices go anyway when ``notifications.perishable_overrides_quiet_hours``).
   E-mail is never held back.
3. **Claim**, in its own committed transaction *before* anything is sent: the message (and any
   other PENDING arrival of the same resident, channel and recipient, which are merged into it)
   gets ``attempts + 1`` and ``next_attempt_at = now + lease``, and an ``outbox_attempts`` row
   marked "in flight". Rows are locked (``FOR UPDATE``; SQLite serialises writers with
   ``BEGIN IMMEDIATE``) and re-checked, so two senders never claim the same message.
4. **Send** outside any transaction, then **record** at once: SENT with ``sent_at`` (the
   plaintext pickup code removed from the payload), or a retry after exponential backoff with
   jitter, or FAILED after ``max_attempts`` or on a hard failure (SMTP 5xx / recipient refused:
   the resident is flagged ``email_bounced`` / ``sms_failed`` and nothing is retried).

What "exactly once" means here
------------------------------
* Each notice is *recorded* exactly once: one SENT row per idempotency key (a UNIQUE column),
  and merged notices point at the one that carried them.
* A network outage or a refused connection only delays: the claim is undone by the backoff, and
  the message goes when the server is back — once.
* A crash (power cut, kill) *before* the server accepted the message: retried after the lease,
  delivered once.
* A crash *after* the server accepted the message but *before* ``sent_at`` was committed — a
  window of one SMTP reply and one local commit — cannot be told apart from the case before:
  SMTP has no way to ask "did you get message X?" (RFC 1047 describes this duplicate window).
  The message is retried after the lease, so each such crash can cause at most **one** extra
  copy (never a stream of them, never an immediate one), and that copy carries the *same*
  ``Message-ID`` (derived from the idempotency key) and ``X-Packroom-Notice`` header, so mail
  clients and the recipient can recognise it as the same message. Webhooks get the key as
  payload ``notice`` and an ``Idempotency-Key`` header, so an endpoint that honours it drops
  the copy. The earlier attempt is recorded as "outcome unknown".
  ``tests/notifications/test_outbox_crash.py`` kills a sender at that exact moment and checks
  this bound; it also kills one just after ``sent_at`` is committed and checks that nothing is
  ever resent.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.notifications.batching import (
    BATCHED_KINDS,
    defer_for_quiet_hours,
    plan_new,
)
from kiosk.notifications.channels import Channels, DeliveryError, OutgoingNotice
from kiosk.notifications.content import merge_payloads, notice_values
from kiosk.notifications.policy import Clock, NoticePolicy, system_clock
from kiosk.notifications.templates import TemplateStore
from kiosk.persistence.models import (
    ActorKind,
    Channel,
    OutboxAttempt,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    ParcelStatus,
    ParcelTransition,
    Resident,
    ResidentStatus,
)
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)

PARCEL_NOTICE_KINDS = ("arrival", "perishable")
IN_FLIGHT = "in flight"
OUTCOME_UNKNOWN = "outcome unknown: the sender stopped during delivery"


@dataclass(frozen=True)
class SendReport:
    """What one :meth:`OutboxSender.send_due` pass did."""

    claimed: int = 0
    sent: int = 0
    merged: int = 0
    retried: int = 0
    failed: int = 0
    bounced: int = 0
    cancelled: int = 0
    deferred: int = 0
    unconfigured: int = 0  # due messages whose channel has no URL configured


@dataclass(frozen=True)
class Backlog:
    """For the staff health bar: what is waiting to go out, and what gave up."""

    pending: int
    oldest_created_at: datetime | None
    failed: int


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def report(self) -> SendReport:
        return SendReport(**self.counts)


@dataclass(frozen=True)
class _Claim:
    """Plain data about one claimed send: the leader message and the ones merged into it."""

    ids: tuple[int, ...]
    attempt_id: int
    attempt_no: int
    key: str
    kind: str
    channel: Channel
    recipient: str
    language: str
    payload: dict[str, Any]
    resident_id: int | None
    first_name: str

    @property
    def leader(self) -> int:
        return self.ids[0]


class OutboxSender:
    """Sends due outbox messages through the configured channels; safe to run on several kiosks."""

    def __init__(
        self,
        db: Database,
        channels: Channels,
        clock: Clock = system_clock,
        max_attempts: int = 8,
        base_delay_s: float = 30.0,
        max_delay_s: float = 3600.0,
        *,
        templates: TemplateStore | None = None,
        policy: NoticePolicy | None = None,
        rng: random.Random | None = None,
        lease_min_s: float = 60.0,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._db = db
        self._channels = channels
        self._clock = clock
        self.max_attempts = max_attempts
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.lease_min_s = lease_min_s
        self._templates = templates or TemplateStore(db)
        self.policy = policy or NoticePolicy()
        self._rng = rng or random.Random()
        self._lock = threading.Lock()  # one pass at a time per sender (scheduler + "send now")

    # ------------------------------------------------------------------ public

    def backoff(self, attempt: int) -> timedelta:
        """Delay before retry number ``attempt`` (1-based): exponential, capped, equal jitter."""
        ceiling = min(self.max_delay_s, self.base_delay_s * (2 ** max(0, attempt - 1)))
        return timedelta(seconds=ceiling / 2 + self._rng.uniform(0, ceiling / 2))

    def send_due(self, limit: int = 50) -> SendReport:
        """Plan, defer for quiet hours, then claim and send up to ``limit`` due messages."""
        with self._lock:
            tally = _Tally()
            now = self._clock()
            tally.add("deferred", plan_new(self._db, self.policy, now))
            tally.add("deferred", defer_for_quiet_hours(self._db, self.policy, now))
            configured = self._channels.configured
            due, unconfigured = self._due(now, limit, configured)
            tally.add("unconfigured", unconfigured)
            for message_id in due:
                try:
                    self._process(message_id, now, tally)
                except Exception:
                    log.exception("outbox message #%d could not be processed", message_id)
            return tally.report()

    def run_forever(
        self, stop_event: threading.Event, poll_s: float = 5.0, limit: int = 50
    ) -> None:
        """Worker-thread loop: send until ``stop_event`` is set; never raises."""
        log.info(
            "outbox sender started (%s)",
            ", ".join(self._channels.describe().values()) or "no channels",
        )
        while not stop_event.is_set():
            busy = False
            try:
                report = self.send_due(limit)
                busy = report.claimed >= limit
            except Exception:
                log.exception("outbox pass failed; retrying in %.0f s", poll_s)
            if not busy:
                stop_event.wait(poll_s)
        log.info("outbox sender stopped")

    def backlog(self) -> Backlog:
        """Pending count, oldest pending message and failed count, for the staff health bar."""
        with self._db.reader() as uow:
            s = uow.session
            pending, oldest = s.execute(
                select(func.count(OutboxMessage.id), func.min(OutboxMessage.created_at)).where(
                    OutboxMessage.status == OutboxStatus.PENDING
                )
            ).one()
            failed = (
                s.scalar(
                    select(func.count(OutboxMessage.id)).where(
                        OutboxMessage.status == OutboxStatus.FAILED
                    )
                )
                or 0
            )
        return Backlog(int(pending or 0), _aware(oldest), int(failed))

    # ------------------------------------------------------------------ due messages

    def _due(
        self, now: datetime, limit: int, configured: frozenset[Channel]
    ) -> tuple[list[int], int]:
        due = [
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= now,
            OutboxMessage.not_before.is_not(None),
            OutboxMessage.not_before <= now,
        ]
        with self._db.reader() as uow:
            s = uow.session
            ids = (
                list(
                    s.scalars(
                        select(OutboxMessage.id)
                        .where(*due, OutboxMessage.channel.in_(configured))
                        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                        .limit(limit)
                    )
                )
                if configured
                else []
            )
            unconfigured = (
                s.scalar(
                    select(func.count(OutboxMessage.id)).where(
                        *due, OutboxMessage.channel.not_in(configured)
                    )
                )
                or 0
            )
        return ids, int(unconfigured)

    # ------------------------------------------------------------------ one send

    def _process(self, message_id: int, now: datetime, tally: _Tally) -> None:
        claim = self._claim(message_id, now, tally)
        if claim is None:
            return
        tally.add("claimed")
        sender = self._channels.get(claim.channel)
        try:
            if sender is None:
                raise DeliveryError(f"the {claim.channel.value} channel is not configured")
            values = notice_values(
                claim.kind,
                claim.channel,
                claim.language,
                claim.payload,
                claim.first_name,
                self.policy,
            )
            rendered = self._templates.render(
                claim.kind,
                claim.channel,
                claim.language,
                values,
                content_id=f"pickup-code.{claim.leader}@packroom",
            )
            sender.send(OutgoingNotice(claim.key, claim.recipient, rendered, now))
        except DeliveryError as exc:
            self._record_failure(claim, exc, tally)
            return
        except Exception as exc:  # a bug or an unexpected library error: retry, and say so
            log.exception("sending outbox message #%d failed unexpectedly", claim.leader)
            self._record_failure(
                claim, DeliveryError(f"unexpected error: {type(exc).__name__}: {exc}"[:300]), tally
            )
            return
        self._record_success(claim, tally)

    def _claim(self, message_id: int, now: datetime, tally: _Tally) -> _Claim | None:
        with self._db.uow() as uow:
            s = uow.session
            message = s.scalars(
                select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update()
            ).first()
            if (
                message is None
                or message.status != OutboxStatus.PENDING
                or message.next_attempt_at > now
                or message.not_before is None
                or message.not_before > now
            ):
                return None  # another sender took it, or it changed since the query
            resident = s.get(Resident, message.resident_id) if message.resident_id else None
            reason = _cancel_reason(message, resident)
            if reason:
                message.status = OutboxStatus.CANCELLED
                message.last_error = reason
                message.payload = _scrubbed(message.payload)
                uow.commit()
                log.info("outbox message #%d cancelled: %s", message.id, reason)
                tally.add("cancelled")
                return None
            group = [message]
            if message.kind in BATCHED_KINDS and message.resident_id is not None:
                group += s.scalars(
                    select(OutboxMessage)
                    .where(
                        OutboxMessage.status == OutboxStatus.PENDING,
                        OutboxMessage.kind.in_(BATCHED_KINDS),
                        OutboxMessage.resident_id == message.resident_id,
                        OutboxMessage.channel == message.channel,
                        OutboxMessage.recipient == message.recipient,
                        OutboxMessage.id != message.id,
                        OutboxMessage.created_at <= now,
                    )
                    .order_by(OutboxMessage.created_at, OutboxMessage.id)
                    .with_for_update(skip_locked=True)
                ).all()
            attempt_no = message.attempts + 1
            lease = max(self.backoff(attempt_no), timedelta(seconds=self.lease_min_s))
            for member in group:
                member.attempts += 1
                member.next_attempt_at = now + lease
            ids = [m.id for m in group]
            s.execute(
                update(OutboxAttempt)
                .where(OutboxAttempt.message_id.in_(ids), OutboxAttempt.error == IN_FLIGHT)
                .values(error=OUTCOME_UNKNOWN)
            )
            attempt = OutboxAttempt(message_id=message.id, at=now, ok=False, error=IN_FLIGHT)
            s.add(attempt)
            s.flush()
            payload = (
                merge_payloads([m.payload or {} for m in group])
                if len(group) > 1
                else dict(message.payload or {})
            )
            claim = _Claim(
                ids=tuple(ids),
                attempt_id=attempt.id,
                attempt_no=attempt_no,
                key=message.idempotency_key,
                kind=message.kind,
                channel=Channel(message.channel),
                recipient=message.recipient,
                language=message.language,
                payload=payload,
                resident_id=message.resident_id,
                first_name=resident.first_name if resident else "",
            )
            uow.commit()
        return claim

    def _write(self, work: Callable[[Session], None]) -> None:
        """Run ``work`` in a write transaction, retried if the database is briefly locked.

        Losing an outcome would make a delivered message look unsent, so it is worth a few tries.
        """
        for attempt in range(3):
            try:
                with self._db.uow() as uow:
                    work(uow.session)
                    uow.commit()
                return
            except OperationalError:
                if attempt == 2:
                    raise
                log.warning(
                    "recording an outbox outcome failed (database busy); retrying", exc_info=True
                )

    def _record_success(self, claim: _Claim, tally: _Tally) -> None:
        at = self._clock()
        self._write(lambda s: self._mark_sent(s, claim, at))
        tally.add("sent")
        tally.add("merged", len(claim.ids) - 1)
        log.info(
            "outbox message #%d (%s, %s) sent%s",
            claim.leader,
            claim.kind,
            claim.channel.value,
            f", {len(claim.ids) - 1} merged into it" if len(claim.ids) > 1 else "",
        )

    def _mark_sent(self, s: Session, claim: _Claim, at: datetime) -> None:
        for message in s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(claim.ids))):
            payload = _scrubbed(message.payload)
            message.status = OutboxStatus.SENT
            message.sent_at = at
            if message.id != claim.leader:
                payload["merged_into"] = claim.leader
                message.last_error = f"merged into #{claim.leader}"
            else:
                message.last_error = ""
            message.payload = payload
        attempt = s.get(OutboxAttempt, claim.attempt_id)
        if attempt is not None:
            attempt.ok = True
            attempt.at = at
            attempt.error = f"merged {len(claim.ids) - 1}" if len(claim.ids) > 1 else ""
        codes = list(claim.payload.get("parcel_codes") or [])
        if claim.kind in PARCEL_NOTICE_KINDS and codes:
            _mark_parcels_notified(s, codes, claim.channel, at)
        eventlog.append(
            s,
            "notice.sent",
            eventlog.SYSTEM,
            subject_kind="outbox",
            subject_id=claim.leader,
            at=at,
            data={
                "kind": claim.kind,
                "channel": claim.channel.value,
                "parcels": codes,
                "merged": list(claim.ids[1:]),
                "attempt": claim.attempt_no,
            },
        )

    def _record_failure(self, claim: _Claim, error: DeliveryError, tally: _Tally) -> None:
        at = self._clock()
        text = str(error)[:400]
        give_up = error.permanent or claim.attempt_no >= self.max_attempts
        retry_at = at + self.backoff(claim.attempt_no)

        def work(s: Session) -> None:
            attempt = s.get(OutboxAttempt, claim.attempt_id)
            if attempt is not None:
                attempt.error = text
                attempt.at = at
            for message in s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(claim.ids))):
                message.last_error = text
                if give_up:
                    message.status = OutboxStatus.FAILED
                    message.payload = _scrubbed(message.payload)
                else:
                    message.next_attempt_at = retry_at
            if error.recipient_refused and claim.resident_id is not None:
                resident = s.get(Resident, claim.resident_id)
                if resident is not None:
                    if claim.channel == Channel.EMAIL:
                        resident.email_bounced = True
                    else:
                        resident.sms_failed = True
            if give_up:
                eventlog.append(
                    s,
                    "outbox.failed",
                    eventlog.SYSTEM,
                    subject_kind="outbox",
                    subject_id=claim.leader,
                    at=at,
                    data={
                        "kind": claim.kind,
                        "channel": claim.channel.value,
                        "attempts": claim.attempt_no,
                        "permanent": error.permanent,
                        "recipient_refused": error.recipient_refused,
                        "merged": list(claim.ids[1:]),
                        "resident_id": claim.resident_id,
                    },
                )

        self._write(work)
        if give_up:
            tally.add("failed", len(claim.ids))
            if error.recipient_refused:
                tally.add("bounced")
            log.warning(
                "outbox message #%d failed for good after %d attempt(s): %s",
                claim.leader,
                claim.attempt_no,
                text,
            )
        else:
            tally.add("retried")
            log.info(
                "outbox message #%d attempt %d failed (%s); retry at %s",
                claim.leader,
                claim.attempt_no,
                text,
                retry_at.isoformat(timespec="seconds"),
            )


def _aware(value: datetime | str | None) -> datetime | None:
    """An aggregate's datetime as aware UTC, whichever form the driver hands back."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _scrubbed(payload: dict[str, Any] | None) -> dict[str, Any]:
    """A copy of the payload without the plaintext pickup code (the outbox must not keep codes)."""
    return {key: value for key, value in (payload or {}).items() if key != "pickup_code"}


def _cancel_reason(message: OutboxMessage, resident: Resident | None) -> str:
    """Why a message should not go any more, or "" (the resident changed since it was queued)."""
    if message.resident_id is None:
        return ""
    if resident is None:
        return "the resident no longer exists"
    if resident.anonymised_at is not None or resident.status == ResidentStatus.MOVED_OUT:
        return "the resident has moved out"
    if message.kind == "reminder" and resident.reminders_opt_out:
        return "the resident opted out of reminders"
    if message.channel == Channel.EMAIL:
        if resident.email_bounced:
            return "the resident's e-mail address bounced earlier"
        if not resident.notify_email:
            return "the resident turned e-mail notices off"
    elif message.channel == Channel.SMS:
        if resident.sms_failed:
            return "the resident's mobile number failed earlier"
        if not resident.notify_sms:
            return "the resident turned SMS notices off"
    return ""


def _mark_parcels_notified(s: Session, codes: list[str], channel: Channel, at: datetime) -> None:
    rows = s.execute(
        select(Parcel.id, Parcel.location_id).where(
            Parcel.code.in_(codes), Parcel.status == ParcelStatus.RECEIVED
        )
    ).all()
    if not rows:
        return
    s.execute(
        update(Parcel)
        .where(Parcel.id.in_([r.id for r in rows]), Parcel.status == ParcelStatus.RECEIVED)
        .values(status=ParcelStatus.NOTIFIED, notified_at=at, version=Parcel.version + 1)
        .execution_options(synchronize_session=False)
    )
    s.add_all(
        ParcelTransition(
            parcel_id=r.id,
            from_status=ParcelStatus.RECEIVED,
            to_status=ParcelStatus.NOTIFIED,
            at=at,
            actor_kind=ActorKind.SYSTEM,
            actor_label="notices",
            location_id=r.location_id,
            reason=f"{channel.value} notice sent",
        )
        for r in rows
    )
