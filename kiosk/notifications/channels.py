"""Delivery channels: e-mail over SMTP, SMS and webhooks through Apprise; input validators.

E-mail is sent with :mod:`smtplib` and :class:`email.message.EmailMessage`, configured from the
same ``mailto://`` / ``mailtos://`` URL Apprise uses (parsed here: host, port, user, password,
``mode=ssl|starttls|insecure``, ``from=``, ``name=``, ``smtp=``). Why not Apprise for e-mail:
its ``notify()`` reduces an SMTP conversation to success or failure (a 550 "no such user" and a
421 "try later" look the same), it writes a random ``Message-ID`` of its own, and its inline
attachments take their Content-ID from the file name. We need the reply code to tell a hard
bounce (flag the resident, stop) from a soft one (retry), a ``Message-ID`` derived from the
idempotency key so a resent duplicate is recognisable, and a multipart/related HTML part with
the QR image under a Content-ID we choose. Note that provider short-cuts Apprise knows
(``mailtos://user:pass@gmail.com``) need ``smtp=smtp.gmail.com`` here when the host is not the
SMTP server.

SMS gateways (``twilio://``, ``vonage://`` …) and webhooks (``json://``, ``form://``, ``xml://``)
go through Apprise: the recipient number is appended as a path target (Apprise's
``{schema}://{credentials}@{from}/{targets}`` form), or for webhooks put in the payload as ``to``
(``?:to=…``) with the idempotency key as ``notice`` and an ``Idempotency-Key`` header, so the
endpoint can drop a duplicate. Apprise's per-call log tells the HTTP status (``error=NNN``):
400/404/410/422 are hard failures, everything else is retried.

Secrets never reach a log or an error message: URLs are shown through :func:`mask_url`.
"""

from __future__ import annotations

import hashlib
import logging
import re
import smtplib
import ssl
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from typing import Any, Protocol, cast
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

from kiosk.notifications.templates import RenderedMessage
from kiosk.persistence.models import Channel

log = logging.getLogger(__name__)

SMTP_MODES = {"insecure": 25, "starttls": 587, "ssl": 465}
WEBHOOK_SCHEMES = frozenset({"json", "jsons", "form", "forms", "xml", "xmls"})
HARD_HTTP_CODES = frozenset({400, 404, 410, 422})
_SECRET_QUERY_KEYS = frozenset(
    {"pass", "password", "token", "key", "apikey", "secret", "auth", "sid", "access", "user"}
)


class ChannelConfigError(ValueError):
    """A channel URL in the settings cannot be used; the message shows it masked."""


class DeliveryError(Exception):
    """A notice was not delivered.

    ``permanent``: retrying cannot help (no retry). ``recipient_refused``: the address or number
    itself was refused (the resident gets ``email_bounced`` / ``sms_failed``).
    """

    def __init__(
        self, message: str, *, permanent: bool = False, recipient_refused: bool = False
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.recipient_refused = recipient_refused


@dataclass(frozen=True)
class OutgoingNotice:
    """One rendered notice to one recipient, with the key that identifies it across retries."""

    idempotency_key: str
    recipient: str
    rendered: RenderedMessage
    at: datetime


class ChannelSender(Protocol):
    def send(self, notice: OutgoingNotice) -> None: ...

    def describe(self) -> str: ...


# --------------------------------------------------------------------------- validation

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}$"
)


def validate_email(text: str) -> str:
    """A trimmed e-mail address with its domain lower-cased, or ValueError saying what is wrong."""
    value = (text or "").strip()
    if not value:
        raise ValueError("enter an e-mail address")
    if " " in value:
        raise ValueError(f"{value!r} is not an e-mail address: it contains a space")
    if value.count("@") != 1:
        raise ValueError(f"{value!r} is not an e-mail address: it needs exactly one '@'")
    local, domain = value.split("@")
    if (
        not local
        or len(local) > 64
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
    ):
        raise ValueError(f"{value!r} is not an e-mail address: the part before '@' is not valid")
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError(
            f"{value!r} is not an e-mail address: the part after '@' is not a valid domain"
        )
    return f"{local}@{domain.lower()}"


def validate_mobile(text: str, region: str = "US") -> str:
    """A mobile number in E.164 (``+15551234567``), or ValueError with a message for people."""
    import phonenumbers  # only needed when staff enter a number

    value = (text or "").strip()
    if not value:
        raise ValueError("enter a mobile number")
    try:
        number = phonenumbers.parse(value, region.upper())
    except phonenumbers.NumberParseException:
        raise ValueError(f"{value!r} is not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(f"{value!r} has the wrong number of digits for a phone number")
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"{value!r} is not a valid phone number (check the area code)")
    if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.FIXED_LINE:
        raise ValueError(f"{value!r} is a landline; text messages need a mobile number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --------------------------------------------------------------------------- URL helpers


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """Query pairs decoded with ``unquote`` (not ``unquote_plus``: a ``+`` in an address stays)."""
    pairs = []
    for part in query.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        pairs.append((unquote(key), unquote(value)))
    return pairs


def mask_url(url: str) -> str:
    """The URL with passwords, tokens and long credentials hidden, fit for logs and the UI."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unreadable URL>"
    userinfo = ""
    if parts.username:
        user = unquote(parts.username)
        userinfo = (user[:2] + "…") if len(user) > 3 else "…"
        if parts.password is not None:
            userinfo += ":****"
        userinfo += "@"
    segments = []
    for segment in parts.path.split("/"):
        plain = unquote(segment)
        segments.append("…" + plain[-3:] if len(plain) >= 12 else segment)
    query = "&".join(
        f"{key}=****" if key.lstrip(":+-").lower() in _SECRET_QUERY_KEYS else f"{key}={value}"
        for key, value in _query_pairs(parts.query)
    )
    return urlunsplit((parts.scheme, f"{userinfo}{host}{port}", "/".join(segments), query, ""))


def message_id_for(idempotency_key: str, domain: str) -> str:
    """A Message-ID that is the same on every attempt of one notice, so copies are recognisable."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{domain or 'packroom.invalid'}>"


# --------------------------------------------------------------------------- e-mail


@dataclass(frozen=True)
class SmtpSettings:
    """What a ``mailto(s)://`` URL says about the SMTP server and the sender."""

    host: str
    port: int
    mode: str  # ssl, starttls or insecure
    user: str | None
    password: str | None
    from_addr: str
    from_name: str
    verify_certificate: bool = True

    @classmethod
    def parse(cls, url: str) -> SmtpSettings:
        masked = mask_url(url)
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            raise ChannelConfigError(f"e-mail URL {masked} is not a valid URL") from None
        scheme = parts.scheme.lower()
        if scheme not in ("mailto", "mailtos"):
            raise ChannelConfigError(f"e-mail URL {masked} must start with mailto:// or mailtos://")
        query = {key.lower(): value for key, value in _query_pairs(parts.query)}
        host = query.get("smtp") or parts.hostname or ""
        if not host:
            raise ChannelConfigError(f"e-mail URL {masked} names no SMTP server")
        mode = (query.get("mode") or ("starttls" if scheme == "mailtos" else "insecure")).lower()
        if mode not in SMTP_MODES:
            raise ChannelConfigError(f"e-mail URL {masked}: mode must be ssl, starttls or insecure")
        user = query.get("user") or (unquote(parts.username) if parts.username else None)
        password = query.get("pass") or (unquote(parts.password) if parts.password else None)
        name, address = parseaddr(query.get("from", ""))
        if address:
            try:
                address = validate_email(address)
            except ValueError as exc:
                raise ChannelConfigError(
                    f"e-mail URL {masked}: the sender address is not valid ({exc})"
                ) from None
        else:  # like Apprise: the login if it is an address, else user@host
            domain = parts.hostname or host
            address = user if user and "@" in user else f"{user or 'packroom'}@{domain}"
        verify = query.get("verify", "yes").lower() not in ("no", "false", "0")
        return cls(
            host=host,
            port=port or SMTP_MODES[mode],
            mode=mode,
            user=user,
            password=password,
            from_addr=address,
            from_name=query.get("name") or name,
            verify_certificate=verify,
        )


def build_email(notice: OutgoingNotice, sender: SmtpSettings) -> EmailMessage:
    """text/plain + (text/html + inline images as multipart/related) as multipart/alternative."""
    rendered = notice.rendered
    message = EmailMessage()
    message["Subject"] = rendered.subject
    message["From"] = (
        formataddr((sender.from_name, sender.from_addr)) if sender.from_name else sender.from_addr
    )
    message["To"] = notice.recipient
    message["Date"] = format_datetime(notice.at.astimezone(UTC))
    message["Message-ID"] = message_id_for(
        notice.idempotency_key, sender.from_addr.rpartition("@")[2]
    )
    message["X-Packroom-Notice"] = notice.idempotency_key
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies to us
    message.set_content(rendered.body)
    if rendered.html is not None:
        message.add_alternative(rendered.html, subtype="html")
        # parts of an EmailMessage are EmailMessages under the default policy
        html_part = cast(
            EmailMessage,
            next(p for p in message.iter_parts() if p.get_content_type() == "text/html"),
        )
        for image in rendered.images:
            html_part.add_related(
                image.data,
                "image",
                image.subtype,
                cid=f"<{image.content_id}>",
                disposition="inline",
                filename=image.filename,
            )
    return message


def _smtp_failure(code: int, reply: bytes | str, stage: str) -> DeliveryError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    summary = f"SMTP {code} at {stage}: {text.strip()[:200]}"
    if 500 <= code < 600:
        return DeliveryError(summary, permanent=True, recipient_refused=True)
    return DeliveryError(summary)


class EmailChannel:
    """Sends e-mail over SMTP (see the module docstring for why not through Apprise)."""

    def __init__(self, url: str, *, timeout_s: float = 20.0) -> None:
        self.settings = SmtpSettings.parse(url)
        self._masked = mask_url(url)
        self.timeout_s = timeout_s

    def describe(self) -> str:
        return f"e-mail via {self._masked}"

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context()
        if not s.verify_certificate:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        smtp: smtplib.SMTP
        if s.mode == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout_s, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout_s)
        try:
            if s.mode == "starttls":
                smtp.starttls(context=context)
            if s.user and s.password:
                smtp.login(s.user, s.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, notice: OutgoingNotice) -> None:
        message = build_email(notice, self.settings)
        try:
            smtp = self._connect()
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                f"the SMTP server refused the login ({exc.smtp_code}); check {self._masked}"
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(
                f"cannot reach the SMTP server {self.settings.host}:{self.settings.port}: "
                f"{_short(exc)}"
            ) from None
        try:
            smtp.send_message(
                message, from_addr=self.settings.from_addr, to_addrs=[notice.recipient]
            )
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            raise _smtp_failure(code, reply, "RCPT") from None
        except smtplib.SMTPDataError as exc:
            raise _smtp_failure(exc.smtp_code, exc.smtp_error, "DATA") from None
        except smtplib.SMTPSenderRefused as exc:
            # our sender address was refused: a configuration problem, not the resident's
            raise DeliveryError(
                f"SMTP {exc.smtp_code}: the server refused the sender {self.settings.from_addr}"
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP delivery interrupted: {_short(exc)}") from None
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()  # the message was accepted (or not) before this; QUIT is a courtesy
        log.info("e-mail notice %s accepted by %s", notice.idempotency_key, self.settings.host)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


# --------------------------------------------------------------------------- Apprise


class AppriseChannel:
    """SMS gateways and webhooks through Apprise, one target URL per recipient."""

    def __init__(self, url: str, *, timeout_s: float = 20.0) -> None:
        import apprise  # imported here: it is heavy and only needed when SMS is configured

        self._apprise = apprise
        self.url = url.strip()
        self._masked = mask_url(self.url)
        self.timeout_s = timeout_s
        try:
            self.scheme = urlsplit(self.url).scheme.lower()
        except ValueError:
            raise ChannelConfigError(
                f"notification URL {self._masked} is not a valid URL"
            ) from None
        with warnings.catch_warnings():  # loading its plugins imports the deprecated imghdr
            warnings.simplefilter("ignore", DeprecationWarning)
            accepted = apprise.Apprise.instantiate(
                self.target_url("+15550000000", "check"), suppress_exceptions=True
            )
        if accepted is None:
            raise ChannelConfigError(f"Apprise does not accept the notification URL {self._masked}")

    def describe(self) -> str:
        return f"{self.scheme} via {self._masked}"

    def target_url(self, recipient: str, idempotency_key: str) -> str:
        """The configured URL addressed to one recipient (payload ``to`` or a path target)."""
        parts = urlsplit(self.url)
        if self.scheme in WEBHOOK_SCHEMES:
            extra = urlencode(
                {":to": recipient, ":notice": idempotency_key, "+Idempotency-Key": idempotency_key},
                quote_via=quote,
            )
            query = f"{parts.query}&{extra}" if parts.query else extra
            return urlunsplit(parts._replace(query=query))
        path = parts.path.rstrip("/") + "/" + quote(recipient, safe="")
        return urlunsplit(parts._replace(path=path))

    def send(self, notice: OutgoingNotice) -> None:
        apprise = self._apprise
        client = apprise.Apprise(asset=apprise.AppriseAsset(storage_mode="memory"))
        if not client.add(self.target_url(notice.recipient, notice.idempotency_key)):
            raise DeliveryError(
                f"Apprise refused the URL {self._masked} for this recipient",
                permanent=True,
                recipient_refused=True,
            )
        result: Any = client.notify(
            body=notice.rendered.body, title=notice.rendered.subject, timeout=self.timeout_s
        )
        if bool(result):
            log.info("%s notice %s accepted", self.scheme, notice.idempotency_key)
            return
        messages = [str(getattr(entry, "message", entry)) for entry in _result_logs(result)]
        codes = [int(code) for text in messages for code in re.findall(r"error=(\d{3})", text)]
        summary = "; ".join(messages)[:300] or "no details"
        if codes and codes[-1] in HARD_HTTP_CODES:
            raise DeliveryError(
                f"{self.scheme} refused the notice (HTTP {codes[-1]}): {summary}",
                permanent=True,
                recipient_refused=True,
            )
        raise DeliveryError(f"{self.scheme} delivery failed: {summary}")


def _result_logs(result: Any) -> list[Any]:
    logs = getattr(result, "logs", None)
    if callable(logs):
        try:
            return list(logs())
        except Exception:  # an older Apprise without per-call logs
            return []
    return []


# --------------------------------------------------------------------------- all channels


class Channels:
    """The configured channel senders; a channel without a URL is simply not configured."""

    def __init__(
        self,
        email: ChannelSender | None = None,
        sms: ChannelSender | None = None,
        webhook: ChannelSender | None = None,
    ) -> None:
        self._senders: dict[Channel, ChannelSender] = {
            channel: sender
            for channel, sender in (
                (Channel.EMAIL, email),
                (Channel.SMS, sms),
                (Channel.WEBHOOK, webhook),
            )
            if sender is not None
        }

    @classmethod
    def from_settings(
        cls, settings: Mapping[str, Any], *, timeout_s: float | None = None
    ) -> Channels:
        """Build from ``notifications.email_url`` / ``notifications.sms_url`` (empty = off)."""
        timeout = float(
            timeout_s
            if timeout_s is not None
            else settings.get("notifications.smtp_timeout_seconds", 20.0)
        )
        email_url = str(settings.get("notifications.email_url", "") or "")
        sms_url = str(settings.get("notifications.sms_url", "") or "")
        return cls(
            email=EmailChannel(email_url, timeout_s=timeout) if email_url else None,
            sms=AppriseChannel(sms_url, timeout_s=timeout) if sms_url else None,
        )

    def get(self, channel: Channel) -> ChannelSender | None:
        return self._senders.get(Channel(channel))

    @property
    def configured(self) -> frozenset[Channel]:
        return frozenset(self._senders)

    def describe(self) -> dict[str, str]:
        return {channel.value: sender.describe() for channel, sender in self._senders.items()}
