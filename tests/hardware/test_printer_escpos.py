"""ESC/POS printing over real transports: TCP on loopback, a pseudo-terminal, a file, and USB
through the simulated pyusb backend. Asserts on the bytes a printer would receive."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hardware.camera.decoder import decode_image
from hardware.errors import DeviceUnavailable, DeviceUrlError, PaperOut, PrinterError
from hardware.printer import SimPrinter, open_printer
from hardware.printer.escpos_printer import EscposPrinter, check_raster
from tests.hardware.printer_fixtures import PtyPrinter, TcpPrinterServer, sample_label
from tests.hardware.usbsim import SimBackend, SimDevice, bulk_interface

GS_V0 = b"\x1dv0"
CUT = b"\x1dV\x00"
QUERIES = (b"\x10\x04\x01", b"\x10\x04\x04")


@pytest.fixture
def tcp_printer() -> Iterator[TcpPrinterServer]:
    with TcpPrinterServer() as server:
        yield server


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    with PtyPrinter() as printer:
        yield printer


def job_of(data: bytes) -> bytes:
    """The label's bytes with the status queries sent around it taken off."""
    changed = True
    while changed:
        changed = False
        for query in QUERIES:
            if data.startswith(query):
                data, changed = data[len(query):], True
            if data.endswith(query):
                data, changed = data[: -len(query)], True
    return data


def raster_to_image(data: bytes) -> Image.Image:
    """Rebuild the printed picture from the GS v 0 blocks, as the print head would lay it."""
    rows = []
    at = data.find(GS_V0)
    while at >= 0:
        width_bytes = data[at + 4] | data[at + 5] << 8
        height = data[at + 6] | data[at + 7] << 8
        block = np.frombuffer(data, np.uint8, width_bytes * height, at + 8)
        rows.append(np.unpackbits(block).reshape(height, width_bytes * 8))
        at = data.find(GS_V0, at + 8 + width_bytes * height)
    dots = np.vstack(rows)
    return Image.fromarray(np.where(dots == 1, 0, 255).astype(np.uint8))


def test_tcp_label_goes_out_as_raster_then_cut(tcp_printer: TcpPrinterServer) -> None:
    label = sample_label("ZX4N7PQ2")
    printer = open_printer(tcp_printer.url())
    printer.print_image(label)
    printer.close()
    job = job_of(tcp_printer.wait_for(lambda d: CUT in d))
    assert job.startswith(b"\x1b@" + GS_V0)  # ESC @, then GS v 0 raster
    assert job.endswith(CUT)  # ... feed, GS V 0 full cut at the end
    headers = check_raster(job)
    assert {w for w, _h in headers} == {576} and sum(h for _w, h in headers) == label.height
    # ESC @, GS v 0 m, then xL xH (bytes per row) yL yH (rows).
    assert job[6:10] == bytes([72, 0]) + min(label.height, 960).to_bytes(2, "little")
    assert isinstance(printer, EscposPrinter) and job == printer.job_bytes(label)
    # What the head prints is the label: the camera reads the parcel code off it.
    assert [b.text for b in decode_image(raster_to_image(job))] == ["ZX4N7PQ2"]


def test_58mm_printer_width_and_profile(tcp_printer: TcpPrinterServer) -> None:
    printer = open_printer(tcp_printer.url(profile="POS-5890"))
    assert printer.width_dots == 384
    with pytest.raises(PrinterError, match="576 dots wide"):
        printer.print_image(sample_label(width=576))
    printer.print_image(sample_label(width=384))
    # This 58 mm model has no cutter in its profile: the label is fed out, not cut.
    job = job_of(tcp_printer.wait_for(lambda d: d.endswith(b"\x1bd\x06" + QUERIES[1])))
    assert check_raster(job)[0][0] == 384 and CUT not in job[-8:]
    printer = open_printer(tcp_printer.url(width=384))
    assert printer.width_dots == 384
    printer.print_image(sample_label(width=384))
    job = job_of(tcp_printer.wait_for(lambda d: d.count(GS_V0) == 2))


def test_narrow_label_is_centred(tcp_printer: TcpPrinterServer) -> None:
    printer = open_printer(tcp_printer.url())
    printer.print_image(sample_label(width=384))
    job = job_of(tcp_printer.wait_for(lambda d: CUT in d))
    assert check_raster(job)[0][0] == 576
    picture = np.asarray(raster_to_image(job))
    ink = np.where(picture.min(axis=0) == 0)[0]
    assert ink[0] >= 80 and ink[-1] <= 576 - 80


def test_status_and_paper_out_over_tcp(tcp_printer: TcpPrinterServer) -> None:
    printer = open_printer(tcp_printer.url())
    assert printer.status() == printer.status()
    status = printer.status()
    assert (status.online, status.paper) == (True, "ok")
    tcp_printer.paper = "low"
    assert printer.status().paper == "low"
    tcp_printer.paper = "out"
    assert printer.status().paper == "out" and not printer.status().ready
    assert printer.device_status().state == "error"
    with pytest.raises(PaperOut):
        printer.print_image(sample_label())
    assert GS_V0 not in tcp_printer.received  # nothing fed into an empty printer
    tcp_printer.paper = "ok"
    printer.print_image(sample_label())
    assert tcp_printer.received.count(GS_V0) >= 1


def test_silent_printer_prints_and_status_is_unknown(tcp_printer: TcpPrinterServer) -> None:
    tcp_printer.silent = True
    printer = open_printer(tcp_printer.url(), status_timeout=0.05)
    status = printer.status()
    assert status.online and status.paper == "unknown"
    printer.print_image(sample_label())
    printer.print_image(sample_label())
    data = tcp_printer.wait_for(lambda d: d.count(CUT) == 2)
    # Asked at most once per connection, not before and after every label.
    assert data.count(b"\x10\x04") <= 2


def test_offline_then_back_reconnects(tcp_printer: TcpPrinterServer) -> None:
    printer = open_printer(tcp_printer.url())
    printer.print_image(sample_label())
    tcp_printer.stop_accepting()
    with pytest.raises(DeviceUnavailable):
        printer.print_image(sample_label())
    status = printer.status()
    assert not status.online and "127.0.0.1" in status.detail
    assert printer.device_status().state == "offline"
    tcp_printer.start_accepting()
    printer.print_image(sample_label())
    assert printer.device_status().online
    assert len(tcp_printer.connections) >= 2


def test_serial_printer_over_a_pty(pty_printer: PtyPrinter) -> None:
    printer = open_printer(f"escpos-serial://{pty_printer.path}?baudrate=19200")
    label = sample_label(width=576)
    printer.print_image(label)
    data = pty_printer.wait_for(lambda d: CUT in d)
    job = job_of(data)
    assert job.startswith(b"\x1b@" + GS_V0) and job.endswith(CUT)
    assert sum(h for _w, h in check_raster(job)) == label.height
    assert printer.status().paper == "ok"
    pty_printer.paper = "out"
    with pytest.raises(PaperOut):
        printer.print_image(label)
    printer.close()


def test_serial_port_missing_is_unavailable(tmp_path: Path) -> None:
    printer = open_printer(f"escpos-serial://{tmp_path}/ttyUSB9")
    with pytest.raises(DeviceUnavailable, match="not reachable"):
        printer.print_image(sample_label())
    assert not printer.status().online


def test_file_printer_writes_the_job_and_cannot_report_paper(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.touch()
    printer = open_printer(f"escpos-file://{device}?cut=part")
    label = sample_label()
    printer.print_image(label)
    printer.close()
    data = device.read_bytes()
    assert data.startswith(b"\x1b@" + GS_V0) and data.endswith(b"\x1dV\x01")  # partial cut
    assert printer.status().paper == "unknown"


class UsbPrinterSim(SimDevice):
    """A bidirectional USB printer (class 7) that answers DLE EOT on bulk IN 0x82."""

    def __init__(self) -> None:
        super().__init__(0x0416, 0x5011, interfaces=[bulk_interface(0)], product="POS58")
        self.paper = 0x12

    def on_write(self, endpoint: int, data: bytes) -> int:
        if data.endswith(b"\x10\x04\x04") or data.endswith(b"\x10\x04\x01"):
            self.queue_read(0x82, bytes([self.paper if data[-1] == 4 else 0x12]))
        return super().on_write(endpoint, data)


def test_usb_printer_through_pyusb() -> None:
    device = UsbPrinterSim()
    printer = open_printer("escpos-usb://0416:5011", backend=SimBackend(device))
    label = sample_label()
    printer.print_image(label)
    job = job_of(device.written_bytes(0x01))
    assert job.startswith(b"\x1b@" + GS_V0) and job.endswith(CUT)
    assert sum(h for _w, h in check_raster(job)) == label.height
    assert printer.status().paper == "ok"
    device.paper = 0x72
    with pytest.raises(PaperOut):
        printer.print_image(label)
    device.unplug()
    assert not printer.status().online
    printer.close()


def test_usb_printer_absent() -> None:
    printer = open_printer("escpos-usb://0416:5011", backend=SimBackend())
    with pytest.raises(DeviceUnavailable):
        printer.print_image(sample_label())


def test_factory_refuses_bad_urls() -> None:
    assert isinstance(open_printer("sim:?width=384"), SimPrinter)
    for url, message in [
        ("laser://10.0.0.2", "unknown printer type"),
        ("escpos-tcp://", "address is missing"),
        ("escpos-tcp://10.0.0.2?width=500", "multiple of 8"),
        ("escpos-tcp://10.0.0.2?profile=NoSuchPrinter", "unknown printer profile"),
        ("escpos-tcp://10.0.0.2?cut=sometimes", "cut must be"),
        ("escpos-tcp://10.0.0.2:printer", "port"),
        ("escpos-usb://not-an-id", "VID:PID"),
        ("escpos-serial:///dev/ttyUSB0?flow=pigeon", "flow must be"),
    ]:
        with pytest.raises(DeviceUrlError, match=message):
            open_printer(url)  # at start-up, not at the first label


def test_importing_escpos_leaves_the_root_logger_alone() -> None:
    code = (
        "import logging; from hardware.printer.escpos_printer import _escpos; _escpos(); "
        "print(len(logging.getLogger().handlers))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=root, check=True).stdout
    assert out.strip() == "0"
