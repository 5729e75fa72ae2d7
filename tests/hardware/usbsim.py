"""A pyusb backend that simulates USB devices at the transfer level, for driver tests.

Pass ``SimBackend(device, ...)`` as ``backend=`` to ``usb.core.find`` (our drivers accept a
``backend`` argument for this). pyusb then runs its real code - descriptor parsing, string
descriptors, interface claiming, endpoint lookup - against a :class:`SimDevice`, which is
plain descriptors plus handlers:

* :meth:`SimDevice.on_control` answers class and vendor control requests (standard ones -
  string descriptors, configuration - are answered by the base class);
* :meth:`SimDevice.on_write` receives bulk/interrupt OUT data (recorded in ``written``);
* :meth:`SimDevice.on_read` serves bulk/interrupt IN reads from queues filled with
  :meth:`SimDevice.queue_read`, blocking up to the read's timeout like libusb does.

Subclass and override the handlers to simulate a device: a HID relay board answering
feature reports, a scanner sending input reports, an ESC/POS printer that records what is
printed and answers DLE EOT status queries on its bulk IN endpoint. Every transfer and every
claim/detach is logged (``control_log``, ``written``, ``log``) for byte-exact asserts.

:meth:`SimDevice.unplug` makes the device vanish from enumeration and every open handle fail
with ``USBError(errno=ENODEV)`` (what libusb reports), waking blocked reads;
:meth:`SimDevice.replug` brings it back as a fresh device (old handles stay dead, the kernel
driver is bound again). Errors mimic the libusb1 backend: ``USBTimeoutError`` with errno
ETIMEDOUT, EBUSY when claiming an interface a kernel driver holds, EPIPE for a stall.
"""

from __future__ import annotations

import array
import errno
import threading
import time
from collections import deque
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import usb.backend
import usb.core

ENDPOINT_BULK = 0x02
ENDPOINT_INTERRUPT = 0x03

GET_DESCRIPTOR = 0x06
GET_CONFIGURATION = 0x08
SET_CONFIGURATION = 0x09
DESC_DEVICE = 0x01
DESC_CONFIGURATION = 0x02
DESC_STRING = 0x03
LANGID_EN_US = 0x0409


def usb_error(message: str, err: int, code: int = -99) -> usb.core.USBError:
    """A ``USBError`` shaped like the libusb1 backend's."""
    if err == errno.ETIMEDOUT:
        return usb.core.USBTimeoutError(message, -7, err)
    return usb.core.USBError(message, code, err)


@dataclass(frozen=True)
class SimEndpoint:
    address: int  # bit 7 set = IN
    attributes: int = ENDPOINT_INTERRUPT
    max_packet: int = 64
    interval: int = 1

    def descriptor(self) -> SimpleNamespace:
        return SimpleNamespace(
            bLength=7, bDescriptorType=5, bEndpointAddress=self.address,
            bmAttributes=self.attributes, wMaxPacketSize=self.max_packet,
            bInterval=self.interval, bRefresh=0, bSynchAddress=0, extra_descriptors=[],
        )


@dataclass(frozen=True)
class SimInterface:
    number: int
    cls: int
    subclass: int = 0
    protocol: int = 0
    endpoints: tuple[SimEndpoint, ...] = ()
    alternate: int = 0
    extra: bytes = b""  # class descriptors, e.g. the HID descriptor

    def descriptor(self) -> SimpleNamespace:
        return SimpleNamespace(
            bLength=9, bDescriptorType=4, bInterfaceNumber=self.number,
            bAlternateSetting=self.alternate, bNumEndpoints=len(self.endpoints),
            bInterfaceClass=self.cls, bInterfaceSubClass=self.subclass,
            bInterfaceProtocol=self.protocol, iInterface=0, extra_descriptors=list(self.extra),
        )


@dataclass(frozen=True)
class SimConfiguration:
    interfaces: tuple[SimInterface, ...]
    value: int = 1
    attributes: int = 0x80
    max_power: int = 50

    @property
    def numbers(self) -> list[int]:
        """Interface numbers in descriptor order (pyusb's logical interface index)."""
        seen: list[int] = []
        for intf in self.interfaces:
            if intf.number not in seen:
                seen.append(intf.number)
        return seen

    def descriptor(self) -> SimpleNamespace:
        total = 9 + sum(9 + len(i.extra) + 7 * len(i.endpoints) for i in self.interfaces)
        return SimpleNamespace(
            bLength=9, bDescriptorType=2, wTotalLength=total, bNumInterfaces=len(self.numbers),
            bConfigurationValue=self.value, iConfiguration=0, bmAttributes=self.attributes,
            bMaxPower=self.max_power, extra_descriptors=[],
        )


def hid_interface(
    number: int = 0, *, boot_keyboard: bool = False, in_ep: int = 0x81, packet: int = 8,
    out_ep: int | None = None,
) -> SimInterface:
    """A HID interface (class 3), boot keyboard (subclass 1, protocol 1) if asked."""
    endpoints = [SimEndpoint(in_ep, ENDPOINT_INTERRUPT, packet, 10)]
    if out_ep is not None:
        endpoints.append(SimEndpoint(out_ep, ENDPOINT_INTERRUPT, packet, 10))
    return SimInterface(number, 3, 1 if boot_keyboard else 0, 1 if boot_keyboard else 0,
                        tuple(endpoints))


def bulk_interface(
    number: int = 0, *, cls: int = 7, subclass: int = 1, protocol: int = 2,
    out_ep: int = 0x01, in_ep: int | None = 0x82, packet: int = 64,
) -> SimInterface:
    """A bulk OUT (+ IN) interface; the defaults describe a bidirectional USB printer."""
    endpoints = [SimEndpoint(out_ep, ENDPOINT_BULK, packet, 0)]
    if in_ep is not None:
        endpoints.append(SimEndpoint(in_ep, ENDPOINT_BULK, packet, 0))
    return SimInterface(number, cls, subclass, protocol, tuple(endpoints))


@dataclass(frozen=True)
class ControlTransfer:
    """One control transfer as the device saw it (``data``: sent, or answered for IN)."""

    request_type: int
    request: int
    value: int
    index: int
    data: bytes
    length: int

    @property
    def is_in(self) -> bool:
        return bool(self.request_type & 0x80)


@dataclass
class _Handle:
    device: SimDevice
    generation: int
    closed: bool = False


class SimDevice:
    """A simulated USB device: descriptors, state, logs and overridable handlers."""

    def __init__(
        self,
        vid: int,
        pid: int,
        *,
        interfaces: tuple[SimInterface, ...] | list[SimInterface] = (),
        configurations: tuple[SimConfiguration, ...] | None = None,
        manufacturer: str | None = None,
        product: str | None = None,
        serial_number: str | None = None,
        device_class: int = 0,
        bcd_device: int = 0x0100,
        bus: int = 1,
        address: int = 2,
        kernel_driver: bool = True,
    ) -> None:
        self.vid = vid
        self.pid = pid
        self.configurations = configurations or (SimConfiguration(tuple(interfaces)),)
        self.strings: dict[int, str] = {}
        self.string_index = {"manufacturer": 0, "product": 0, "serial_number": 0}
        named = (("manufacturer", manufacturer), ("product", product),
                 ("serial_number", serial_number))
        for i, (name, text) in enumerate(named, start=1):
            if text is not None:
                self.strings[i] = text
                self.string_index[name] = i
        self.device_class = device_class
        self.bcd_device = bcd_device
        self.bus = bus
        self.address = address
        self._has_kernel_driver = kernel_driver
        self.cond = threading.Condition()
        self.plugged = True
        self.generation = 0
        self.active_configuration = 0  # unconfigured until SET_CONFIGURATION (0 = none)
        self.kernel_driver_active: dict[int, bool] = {}
        self.claimed: set[int] = set()
        self.control_log: list[ControlTransfer] = []
        self.written: dict[int, list[bytes]] = {}
        self.log: list[tuple[str, int]] = []
        self._read_queues: dict[int, deque[bytes]] = {}
        self._reset_connection_state()
        # Most devices arrive configured by the OS.
        self.active_configuration = self.configurations[0].value

    # -- handlers to override ------------------------------------------------------------

    def on_control(self, setup: ControlTransfer, data: bytes) -> bytes | None:
        """Answer a class/vendor request: bytes for IN, None to accept an OUT.

        The default stalls (EPIPE), as a device does for a request it does not know.
        """
        raise usb_error("Pipe error", errno.EPIPE, -9)

    def on_write(self, endpoint: int, data: bytes) -> int:
        """Bulk/interrupt OUT data; the default records it and accepts all of it."""
        with self.cond:
            self.written.setdefault(endpoint, []).append(data)
            self.cond.notify_all()
        return len(data)

    def on_read(self, endpoint: int, size: int, timeout_ms: int) -> bytes:
        """Bulk/interrupt IN: the next queued packet, waiting up to ``timeout_ms``."""
        return self.wait_read(endpoint, size, timeout_ms)

    # -- helpers for tests -----------------------------------------------------------------

    def queue_read(self, endpoint: int, *packets: bytes) -> None:
        """Make ``packets`` arrive, in order, on IN ``endpoint``."""
        with self.cond:
            self._read_queues.setdefault(endpoint, deque()).extend(bytes(p) for p in packets)
            self.cond.notify_all()

    def pending_reads(self, endpoint: int) -> int:
        with self.cond:
            return len(self._read_queues.get(endpoint, ()))

    def written_bytes(self, endpoint: int) -> bytes:
        """Everything written to OUT ``endpoint``, concatenated (e.g. a printer's job)."""
        with self.cond:
            return b"".join(self.written.get(endpoint, []))

    def wait_until(self, predicate: Any, timeout: float = 2.0) -> bool:
        """Block until ``predicate(self)`` is true; wakes on every transfer and plug event."""
        with self.cond:
            return self.cond.wait_for(lambda: predicate(self), timeout)

    def unplug(self) -> None:
        with self.cond:
            self.plugged = False
            self.log.append(("unplug", 0))
            self.cond.notify_all()

    def replug(self) -> None:
        with self.cond:
            self.plugged = True
            self.generation += 1
            self._reset_connection_state()
            self._read_queues.clear()
            self.log.append(("replug", 0))
            self.cond.notify_all()

    def wait_read(self, endpoint: int, size: int, timeout_ms: int) -> bytes:
        """Pop the next queued packet for ``endpoint``; ETIMEDOUT after ``timeout_ms``
        (0 waits for ever), ENODEV if the device is unplugged meanwhile."""
        deadline = None if timeout_ms == 0 else time.monotonic() + timeout_ms / 1000
        with self.cond:
            generation = self.generation
            while True:
                if not self.plugged or self.generation != generation:
                    raise usb_error("No such device (it may have been disconnected)",
                                    errno.ENODEV, -4)
                queue = self._read_queues.get(endpoint)
                if queue:
                    return queue.popleft()[:size]
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise usb_error("Operation timed out", errno.ETIMEDOUT)
                self.cond.wait(remaining)

    # -- descriptors -------------------------------------------------------------------------

    def device_descriptor(self) -> SimpleNamespace:
        return SimpleNamespace(
            bLength=18, bDescriptorType=1, bcdUSB=0x0200, bDeviceClass=self.device_class,
            bDeviceSubClass=0, bDeviceProtocol=0, bMaxPacketSize0=64, idVendor=self.vid,
            idProduct=self.pid, bcdDevice=self.bcd_device,
            iManufacturer=self.string_index["manufacturer"],
            iProduct=self.string_index["product"],
            iSerialNumber=self.string_index["serial_number"],
            bNumConfigurations=len(self.configurations), address=self.address, bus=self.bus,
            port_number=1, port_numbers=(1,), speed=2,
        )

    def interface(self, config: int, intf: int, alt: int) -> SimInterface:
        configuration = self.configurations[config]
        number = configuration.numbers[intf]  # IndexError ends pyusb's iteration
        alternates = [i for i in configuration.interfaces if i.number == number]
        return alternates[alt]

    # -- standard requests -----------------------------------------------------------------

    def control(self, setup: ControlTransfer, data: bytes) -> bytes | None:
        kind = setup.request_type & 0x60
        if kind == 0x00 and setup.request == GET_DESCRIPTOR and setup.is_in:
            return self._descriptor(setup.value >> 8, setup.value & 0xFF)[: setup.length]
        if kind == 0x00 and setup.request == GET_CONFIGURATION and setup.is_in:
            return bytes([self.active_configuration])
        return self.on_control(setup, data)

    def _descriptor(self, kind: int, index: int) -> bytes:
        if kind == DESC_STRING:
            if index == 0:
                return bytes([4, DESC_STRING]) + LANGID_EN_US.to_bytes(2, "little")
            if index not in self.strings:
                raise usb_error("Pipe error", errno.EPIPE, -9)
            encoded = self.strings[index].encode("utf-16-le")
            return bytes([2 + len(encoded), DESC_STRING]) + encoded
        if kind == DESC_DEVICE:
            d = self.device_descriptor()
            return bytes([18, 1, 0, 2, d.bDeviceClass, 0, 0, 64]) + b"".join(
                v.to_bytes(2, "little") for v in (self.vid, self.pid, self.bcd_device)
            ) + bytes([d.iManufacturer, d.iProduct, d.iSerialNumber, len(self.configurations)])
        raise usb_error("Pipe error", errno.EPIPE, -9)

    def _reset_connection_state(self) -> None:
        self.claimed = set()
        self.kernel_driver_active = {
            n: self._has_kernel_driver for c in self.configurations for n in c.numbers
        }


class SimBackend(usb.backend.IBackend):
    """The pyusb backend over a set of :class:`SimDevice` objects."""

    def __init__(self, *devices: SimDevice) -> None:
        super().__init__()
        self.devices: list[SimDevice] = list(devices)

    def add(self, device: SimDevice) -> None:
        self.devices.append(device)

    # -- enumeration and descriptors ---------------------------------------------------------

    def enumerate_devices(self) -> Any:
        return [d for d in self.devices if d.plugged]

    def get_parent(self, dev: SimDevice) -> None:
        return None

    def get_device_descriptor(self, dev: SimDevice) -> SimpleNamespace:
        return dev.device_descriptor()

    def get_configuration_descriptor(self, dev: SimDevice, config: int) -> SimpleNamespace:
        return dev.configurations[config].descriptor()

    def get_interface_descriptor(
        self, dev: SimDevice, intf: int, alt: int, config: int
    ) -> SimpleNamespace:
        return dev.interface(config, intf, alt).descriptor()

    def get_endpoint_descriptor(
        self, dev: SimDevice, ep: int, intf: int, alt: int, config: int
    ) -> SimpleNamespace:
        return dev.interface(config, intf, alt).endpoints[ep].descriptor()

    # -- handles -----------------------------------------------------------------------------

    def open_device(self, dev: SimDevice) -> _Handle:
        with dev.cond:
            if not dev.plugged:
                raise usb_error("No such device (it may have been disconnected)", errno.ENODEV, -4)
            return _Handle(dev, dev.generation)

    def close_device(self, dev_handle: _Handle) -> None:
        dev_handle.closed = True

    def set_configuration(self, dev_handle: _Handle, config_value: int) -> None:
        dev = self._live(dev_handle)
        with dev.cond:
            if any(dev.kernel_driver_active.values()) and config_value != dev.active_configuration:
                raise usb_error("Resource busy", errno.EBUSY, -6)
            dev.active_configuration = config_value
            dev.log.append(("set_configuration", config_value))

    def get_configuration(self, dev_handle: _Handle) -> int:
        return self._live(dev_handle).active_configuration

    def set_interface_altsetting(self, dev_handle: _Handle, intf: int, altsetting: int) -> None:
        self._live(dev_handle).log.append(("set_interface_altsetting", intf))

    def claim_interface(self, dev_handle: _Handle, intf: int) -> None:
        dev = self._live(dev_handle)
        with dev.cond:
            if dev.kernel_driver_active.get(intf):
                raise usb_error("Resource busy", errno.EBUSY, -6)
            dev.claimed.add(intf)
            dev.log.append(("claim_interface", intf))

    def release_interface(self, dev_handle: _Handle, intf: int) -> None:
        dev = self._live(dev_handle)
        with dev.cond:
            dev.claimed.discard(intf)
            dev.log.append(("release_interface", intf))

    def is_kernel_driver_active(self, dev_handle: _Handle, intf: int) -> bool:
        return bool(self._live(dev_handle).kernel_driver_active.get(intf))

    def detach_kernel_driver(self, dev_handle: _Handle, intf: int) -> None:
        dev = self._live(dev_handle)
        with dev.cond:
            if not dev.kernel_driver_active.get(intf):
                raise usb_error("Entity not found", errno.ENOENT, -5)
            dev.kernel_driver_active[intf] = False
            dev.log.append(("detach_kernel_driver", intf))

    def attach_kernel_driver(self, dev_handle: _Handle, intf: int) -> None:
        dev = self._live(dev_handle)
        with dev.cond:
            if intf in dev.claimed:
                raise usb_error("Resource busy", errno.EBUSY, -6)
            dev.kernel_driver_active[intf] = True
            dev.log.append(("attach_kernel_driver", intf))

    # -- transfers ---------------------------------------------------------------------------

    def ctrl_transfer(
        self, dev_handle: _Handle, bmRequestType: int, bRequest: int, wValue: int,
        wIndex: int, data: array.array[int], timeout: int,
    ) -> Any:
        dev = self._live(dev_handle)
        length = len(data) * data.itemsize
        is_in = bool(bmRequestType & 0x80)
        sent = b"" if is_in else data.tobytes()
        setup = ControlTransfer(bmRequestType, bRequest, wValue, wIndex, sent, length)
        answer = dev.control(setup, sent)
        with dev.cond:
            if is_in:
                reply = bytes(answer or b"")[:length]
                dev.control_log.append(
                    ControlTransfer(bmRequestType, bRequest, wValue, wIndex, reply, length)
                )
                dev.cond.notify_all()
                data[: len(reply)] = array.array("B", reply)
                return len(reply)
            dev.control_log.append(setup)
            dev.cond.notify_all()
            return length

    def bulk_write(self, dev_handle: _Handle, ep: int, intf: int, data: Any, timeout: int) -> int:
        return self._write(dev_handle, ep, intf, data)

    def intr_write(self, dev_handle: _Handle, ep: int, intf: int, data: Any, timeout: int) -> int:
        return self._write(dev_handle, ep, intf, data)

    def bulk_read(self, dev_handle: _Handle, ep: int, intf: int, buff: Any, timeout: int) -> int:
        return self._read(dev_handle, ep, intf, buff, timeout)

    def intr_read(self, dev_handle: _Handle, ep: int, intf: int, buff: Any, timeout: int) -> int:
        return self._read(dev_handle, ep, intf, buff, timeout)

    def clear_halt(self, dev_handle: _Handle, ep: int) -> None:
        self._live(dev_handle)

    def reset_device(self, dev_handle: _Handle) -> None:
        self._live(dev_handle)

    # -- internals -----------------------------------------------------------------------------

    def _live(self, handle: _Handle) -> SimDevice:
        dev = handle.device
        if handle.closed or not dev.plugged or handle.generation != dev.generation:
            raise usb_error("No such device (it may have been disconnected)", errno.ENODEV, -4)
        return dev

    def _write(self, handle: _Handle, ep: int, intf: int, data: Any) -> int:
        dev = self._live(handle)
        self._require_claimed(dev, intf)
        return dev.on_write(ep, bytes(data))

    def _read(self, handle: _Handle, ep: int, intf: int, buff: Any, timeout: int) -> int:
        dev = self._live(handle)
        self._require_claimed(dev, intf)
        packet = dev.on_read(ep, len(buff), timeout)
        buff[: len(packet)] = array.array("B", packet)
        return len(packet)

    @staticmethod
    def _require_claimed(dev: SimDevice, intf: int) -> None:
        if intf not in dev.claimed:
            raise usb_error("Resource busy (interface not claimed)", errno.EBUSY, -6)


__all__ = [
    "ENDPOINT_BULK", "ENDPOINT_INTERRUPT", "ControlTransfer", "SimBackend", "SimConfiguration",
    "SimDevice", "SimEndpoint", "SimInterface", "bulk_interface", "hid_interface",
    "usb_error",
]
