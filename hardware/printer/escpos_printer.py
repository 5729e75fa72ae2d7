"""ESC/POS thermal printers over USB, serial, TCP or a device file, through python-escpos.

==============================================  ===============================================
``escpos-usb://0416:5011``                      USB; ``?in_ep=0x81&out_ep=0x03`` if not 0x82/0x01
``escpos-serial:///dev/ttyUSB0?baudrate=19200``  serial; ``flow=dsrdtr`` (default), rtscts,
                                                xonxoff or none
``escpos-tcp://192.168.1.50:9100``              network (raw port 9100); ``?timeout=10``
``escpos-file:///dev/usb/lp0``                  a write-only device file (Linux usblp)
==============================================  ===============================================

Every URL takes ``width=576`` (dots; 384 for 58 mm paper) or ``profile=TM-T20II`` (a
python-escpos printer profile, which also gives the width), ``cut=full|part|none`` and
``status=0`` to never send DLE EOT status queries.

A label goes out as one write: ``ESC @``, the image as a ``GS v 0`` raster (python-escpos
``image(impl="bitImageRaster")``), a feed and ``GS V`` cut. Where the transport can read
(USB, serial, TCP) the printer is asked for its paper sensor (``DLE EOT 4``) before the
label, to refuse it with :class:`PaperOut` instead of feeding a label into nothing, and
after it, which also proves the connection survived the label. Printers that never answer
are noticed once and not asked again until the next reconnect.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import select
import socket
import threading
from functools import lru_cache
from types import ModuleType
from typing import Any

import usb.core
from PIL import Image

from hardware.errors import DeviceUnavailable, DeviceUrlError, PaperOut, PrinterError
from hardware.printer.base import DEFAULT_WIDTH, LabelPrinter, PaperState, PrinterStatus
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)

TRANSPORTS = ("usb", "serial", "tcp", "file")
_BIDIRECTIONAL = frozenset({"usb", "serial", "tcp"})

DLE_EOT_ONLINE = b"\x10\x04\x01"  # printer status: bit 3 set = offline
DLE_EOT_PAPER = b"\x10\x04\x04"  # roll paper sensor: bits 2,3 near end; bits 5,6 paper out


@lru_cache(maxsize=1)
def _escpos() -> ModuleType:
    """Import python-escpos without letting it configure the application's root logger.

    ``escpos.capabilities`` calls ``logging.basicConfig()`` at import time, which would add
    a stderr handler before the kiosk sets up its own logging; we take that handler out.
    """
    root = logging.getLogger()
    before = list(root.handlers)
    import escpos.exceptions
    import escpos.printer

    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
    return escpos


def parse_paper(byte: int) -> PaperState:
    """Decode the answer to ``DLE EOT 4`` (roll paper sensor status)."""
    if byte & 0x60:
        return "out"
    if byte & 0x0C:
        return "low"
    return "ok"


class EscposPrinter(LabelPrinter):
    """One ESC/POS printer named by an ``escpos-*`` URL (see the module docstring).

    ``backend`` is a pyusb backend for ``escpos-usb`` (tests pass a simulated one);
    ``timeout`` bounds connecting and writing (seconds), ``status_timeout`` how long to wait
    for a status answer.
    """

    def __init__(
        self,
        url: str,
        *,
        backend: Any = None,
        timeout: float | None = None,
        status_timeout: float | None = None,
    ) -> None:
        parsed = parse_device_url(url)
        transport = parsed.scheme.removeprefix("escpos-")
        if transport not in TRANSPORTS or not parsed.scheme.startswith("escpos-"):
            raise DeviceUrlError(
                f"{url}: unknown printer type {parsed.scheme!r}; use one of "
                + ", ".join(f"escpos-{t}" for t in TRANSPORTS)
            )
        if not parsed.target:
            raise DeviceUrlError(f"{url}: the printer's address is missing")
        self.parsed = parsed
        self.transport = transport
        self.profile_name = parsed.params.get("profile") or None
        super().__init__(url, parsed.int_param("width", self._profile_width()))
        if self.width_dots < 8 or self.width_dots % 8:
            raise DeviceUrlError(f"{url}: width must be a multiple of 8 dots, e.g. 384 or 576")
        self.cut_mode = parsed.params.get("cut", "full").lower()
        if self.cut_mode not in ("full", "part", "none"):
            raise DeviceUrlError(f"{url}: cut must be full, part or none")
        self.timeout = timeout if timeout is not None else parsed.float_param("timeout", 10.0)
        self.status_timeout = (
            status_timeout if status_timeout is not None
            else parsed.float_param("status_timeout", 0.5)
        )
        self.can_query = transport in _BIDIRECTIONAL and parsed.int_param("status", 1) != 0
        self._args = self._transport_args()
        self._backend = backend
        self._lock = threading.RLock()
        self._device: Any = None  # the python-escpos printer object while connected
        self._answers: bool | None = None  # does this printer answer DLE EOT? None: unknown

    # -- configuration -------------------------------------------------------------------------

    def _profile_width(self) -> int:
        if self.profile_name is None:
            return DEFAULT_WIDTH
        try:
            profile = _escpos().printer.Dummy(profile=self.profile_name).profile
        except KeyError:
            raise DeviceUrlError(
                f"{self.parsed.raw}: unknown printer profile {self.profile_name!r}"
            ) from None
        pixels = profile.profile_data.get("media", {}).get("width", {}).get("pixels")
        return pixels if isinstance(pixels, int) else DEFAULT_WIDTH

    def _transport_args(self) -> tuple[Any, ...]:
        """Check the URL's transport part now, so a bad URL fails at start-up, not at print."""
        p: DeviceUrl = self.parsed
        if self.transport == "usb":
            vid, pid = p.vid_pid()
            return vid, pid, p.int_param("in_ep", 0x82), p.int_param("out_ep", 0x01)
        if self.transport == "serial":
            flow = p.params.get("flow", "dsrdtr").lower()
            if flow not in ("dsrdtr", "rtscts", "xonxoff", "none"):
                raise DeviceUrlError(f"{self.url}: flow must be dsrdtr, rtscts, xonxoff or none")
            return p.target, p.int_param("baudrate", 9600), flow
        if self.transport == "tcp":
            host, _, port = p.target.partition(":")
            try:
                return host, int(port) if port else 9100
            except ValueError:
                raise DeviceUrlError(f"{self.url}: port {port!r} is not a number") from None
        return (p.target,)

    def _new_escpos(self) -> Any:
        """Build the python-escpos object for our transport (not yet opened)."""
        printer = _escpos().printer
        args = self._args
        kw: dict[str, Any] = {"profile": self.profile_name}
        if self.transport == "usb":
            vid, pid, in_ep, out_ep = args
            usb_args: dict[str, Any] = {}
            if self._backend is not None:
                usb_args["backend"] = self._backend
            dev = printer.Usb(vid, pid, usb_args=usb_args, timeout=int(self.timeout * 1000),
                              in_ep=in_ep, out_ep=out_ep, **kw)
        elif self.transport == "serial":
            devfile, baudrate, flow = args
            dev = printer.Serial(devfile, baudrate=baudrate, timeout=self.status_timeout,
                                 dsrdtr=flow == "dsrdtr", xonxoff=flow == "xonxoff", **kw)
        elif self.transport == "tcp":
            host, port = args
            dev = printer.Network(host, port, timeout=self.timeout, **kw)
        else:
            dev = printer.File(args[0], **kw)
        self._set_width(dev)
        return dev

    def _set_width(self, dev: Any) -> None:
        # Profiles share one data dict per model; give this object its own copy to change.
        data = copy.deepcopy(dev.profile.profile_data)
        data.setdefault("media", {}).setdefault("width", {})["pixels"] = self.width_dots
        dev.profile.profile_data = data

    # -- connection ----------------------------------------------------------------------------

    def _connect(self) -> Any:
        """Return the open device, opening it (again) if needed."""
        if self._device is not None and self.transport == "tcp" and not self._tcp_alive():
            log.info("printer %s closed the connection; reconnecting", self.url)
            self._drop()
        if self._device is None:
            dev = self._new_escpos()
            try:
                dev.open()
                if self.transport == "tcp":
                    # Status queries are 3-byte writes: without this, Nagle holds each one
                    # back until the printer's delayed ACK (~40 ms) of the label before it.
                    dev.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if self.transport == "usb":
                    self._detach_kernel_drivers(dev.device)
                if self.transport == "serial":
                    dev.device.write_timeout = self.timeout
                    dev.device.rtscts = self._args[2] == "rtscts"
            except (_escpos().exceptions.Error, OSError, ValueError) as exc:
                with contextlib.suppress(Exception):
                    dev.close()
                raise DeviceUnavailable(
                    f"printer {self.url} is not reachable: {_one_line(exc)}"
                ) from exc
            self._device = dev
            self._answers = None
            log.info("printer %s connected", self.url)
        return self._device

    def _detach_kernel_drivers(self, device: Any) -> None:
        """Take every interface from the kernel's usblp driver so we can claim it.

        python-escpos only does this for interface 0 and only on the libusb1 backend.
        """
        try:
            numbers = [intf.bInterfaceNumber for intf in device.get_active_configuration()]
        except usb.core.USBError as exc:
            log.debug("printer %s: no active configuration: %s", self.url, exc)
            return
        for number in numbers:
            try:
                if device.is_kernel_driver_active(number):
                    device.detach_kernel_driver(number)
            except NotImplementedError:  # backends and platforms without kernel drivers
                return
            except usb.core.USBError as exc:
                log.warning("printer %s: cannot detach the kernel driver: %s", self.url, exc)

    def _tcp_alive(self) -> bool:
        sock: socket.socket = self._device.device
        try:
            ready, _, _ = select.select([sock], [], [], 0)
            if not ready:
                return True
            return sock.recv(64, socket.MSG_PEEK) != b""
        except OSError:
            return False

    def _drop(self) -> None:
        dev, self._device = self._device, None
        if dev is None:
            return
        try:
            dev.close()
        except Exception as exc:  # closing a broken transport may fail in any way
            log.debug("closing printer %s: %s", self.url, exc)

    def close(self) -> None:
        with self._lock:
            self._drop()

    # -- status --------------------------------------------------------------------------------

    def _flush_input(self, dev: Any) -> None:
        """Discard stale bytes (a late status answer) so the next answer is the right one."""
        if self.transport == "tcp":
            sock: socket.socket = dev.device
            while select.select([sock], [], [], 0)[0]:
                if not sock.recv(256):
                    raise DeviceUnavailable(f"printer {self.url} closed the connection")
        elif self.transport == "serial":
            dev.device.reset_input_buffer()

    def _query(self, dev: Any, command: bytes) -> int | None:
        """Send a DLE EOT query; return the status byte, None if the printer did not answer."""
        self._flush_input(dev)
        dev._raw(command)
        if self.transport == "tcp":
            sock: socket.socket = dev.device
            ready, _, _ = select.select([sock], [], [], self.status_timeout)
            if not ready:
                return None
            data = sock.recv(16)
            if not data:
                raise DeviceUnavailable(f"printer {self.url} closed the connection")
        elif self.transport == "serial":
            data = dev.device.read(1)
        else:
            try:
                data = bytes(dev.device.read(dev.in_ep, 16, int(self.status_timeout * 1000)))
            except usb.core.USBTimeoutError:
                return None
        return data[-1] if data else None

    def _paper(self, dev: Any) -> PaperState:
        """Ask for the paper sensor once; learn whether this printer answers at all."""
        byte = self._query(dev, DLE_EOT_PAPER)
        if byte is None:
            if self._answers is None:
                log.info("printer %s does not answer status queries; not asking again", self.url)
            self._answers = False
            return "unknown"
        self._answers = True
        return parse_paper(byte)

    def status(self) -> PrinterStatus:
        with self._lock:
            try:
                dev = self._connect()
                if not self.can_query:
                    return PrinterStatus(True, "unknown", "connected (transport gives no status)")
                online_byte = self._query(dev, DLE_EOT_ONLINE)
                if online_byte is None:
                    self._answers = False
                    return PrinterStatus(True, "unknown", "connected (printer gives no status)")
                paper = self._paper(dev)
            except DeviceUnavailable as exc:
                self._drop()
                return PrinterStatus(False, "unknown", str(exc))
            except (_escpos().exceptions.Error, OSError) as exc:
                self._drop()
                return PrinterStatus(False, "unknown", f"printer {self.url}: {_one_line(exc)}")
        online = not online_byte & 0x08
        if not online:
            return PrinterStatus(False, paper, "printer reports offline (cover open or error)")
        return PrinterStatus(True, paper, "out of paper" if paper == "out" else "ready")

    # -- printing ------------------------------------------------------------------------------

    def job_bytes(self, img: Image.Image) -> bytes:
        """The exact bytes one label is sent as: init, ``GS v 0`` raster, feed and cut."""
        label = self.check_image(img)
        dummy = _escpos().printer.Dummy(profile=self.profile_name)
        self._set_width(dummy)
        dummy.hw("INIT")  # ESC @: start from the printer's defaults
        dummy.image(label, impl="bitImageRaster", center=label.width < self.width_dots)
        if self.cut_mode == "none":
            dummy.print_and_feed(6)
        else:
            dummy.cut(mode=self.cut_mode.upper())
        return bytes(dummy.output)

    def print_image(self, img: Image.Image) -> None:
        data = self.job_bytes(img)
        with self._lock:
            dev = self._connect()
            try:
                ask = self.can_query and self._answers is not False
                if ask and self._paper(dev) == "out":
                    raise PaperOut(f"printer {self.url} is out of paper")
                if self.transport == "serial":
                    # A label is ~57 kB: a minute on the wire at 9600 baud, not a timeout.
                    dev.device.write_timeout = self.timeout + len(data) * 10 / self._args[1]
                dev._raw(data)
                # Asking again also proves the connection lived through the whole label.
                if self.can_query and self._answers and self._paper(dev) == "out":
                    raise PaperOut(f"printer {self.url} ran out of paper during the label")
            except PaperOut:
                raise
            except DeviceUnavailable:
                self._drop()
                raise
            except (_escpos().exceptions.Error, OSError) as exc:
                self._drop()
                raise DeviceUnavailable(
                    f"printer {self.url} failed while printing: {_one_line(exc)}"
                ) from exc
        log.info("printer %s printed a %dx%d label", self.url, img.width, img.height)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def check_raster(data: bytes) -> list[tuple[int, int]]:
    """The (width in dots, height) of every ``GS v 0`` raster image in ``data``.

    For tests and field debugging of recorded printer traffic: walks the raster headers
    ``GS v 0 m xL xH yL yH`` and skips their image data.
    """
    found = []
    at = data.find(b"\x1dv0")
    while at >= 0 and at + 8 <= len(data):
        width_bytes = data[at + 4] | data[at + 5] << 8
        height = data[at + 6] | data[at + 7] << 8
        found.append((width_bytes * 8, height))
        at = data.find(b"\x1dv0", at + 8 + width_bytes * height)
    if at >= 0 and at + 8 > len(data):
        raise PrinterError("truncated raster header")
    return found
