"""The simulated USB backend itself: what other device tests (a printer, say) rely on."""

from __future__ import annotations

import errno

import pytest
import usb.core
import usb.util

from tests.hardware.usbsim import SimBackend, SimDevice, bulk_interface


class EscposPrinter(SimDevice):
    """A bidirectional ESC/POS printer: records the job, answers DLE EOT 1 with 'online'."""

    def __init__(self) -> None:
        super().__init__(0x0416, 0x5011, interfaces=[bulk_interface(0)], product="POS58",
                         serial_number="P001", kernel_driver=False)

    def on_write(self, endpoint: int, data: bytes) -> int:
        if data == b"\x10\x04\x01":
            self.queue_read(0x82, b"\x16")
        return super().on_write(endpoint, data)


def test_bulk_write_is_recorded_and_a_status_query_answered() -> None:
    printer = EscposPrinter()
    device = usb.core.find(idVendor=0x0416, idProduct=0x5011, backend=SimBackend(printer))
    assert device is not None
    assert (device.product, device.serial_number) == ("POS58", "P001")
    interface = device.get_active_configuration()[(0, 0)]
    assert interface.bInterfaceClass == 7
    out = usb.util.find_descriptor(interface, bEndpointAddress=0x01)
    out.write(b"\x1b@Hello\n")
    out.write(b"\x10\x04\x01")
    assert bytes(device.read(0x82, 64, timeout=100)) == b"\x16"
    assert printer.written_bytes(0x01) == b"\x1b@Hello\n\x10\x04\x01"
    with pytest.raises(usb.core.USBTimeoutError):
        device.read(0x82, 64, timeout=10)
    usb.util.dispose_resources(device)


def test_unplug_and_replug() -> None:
    printer = EscposPrinter()
    backend = SimBackend(printer)
    device = usb.core.find(idVendor=0x0416, backend=backend)
    device.write(0x01, b"x")
    printer.unplug()
    assert usb.core.find(idVendor=0x0416, backend=backend) is None
    with pytest.raises(usb.core.USBError) as caught:
        device.write(0x01, b"y")
    assert caught.value.errno == errno.ENODEV
    printer.replug()
    with pytest.raises(usb.core.USBError):
        device.write(0x01, b"z")  # the old handle stays dead, as with a real device
    usb.util.dispose_resources(device)
    fresh = usb.core.find(idVendor=0x0416, backend=backend)
    fresh.write(0x01, b"z")
    assert printer.written_bytes(0x01) == b"xz"
    usb.util.dispose_resources(fresh)
