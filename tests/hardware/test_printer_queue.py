"""The print queue: in order, paused while the printer cannot print, nothing lost or doubled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from hardware.errors import PrinterError
from hardware.printer import PrintQueue, QueueStatus, SimPrinter, open_printer
from hardware.printer.base import LabelPrinter, PrinterStatus
from hardware.printer.escpos_printer import EscposPrinter
from tests.hardware.printer_fixtures import Recorder, TcpPrinterServer, sample_label

FAST = {"retry_initial": 0.05, "retry_max": 0.2}


@pytest.fixture
def tcp_printer() -> Iterator[TcpPrinterServer]:
    with TcpPrinterServer() as server:
        yield server


def labels(*codes: str, width: int = 576) -> dict[str, Image.Image]:
    """Distinct labels (each its own code and unit) keyed by job id."""
    return {code: sample_label(code, width=width, unit=str(100 + i))
            for i, code in enumerate(codes)}


def same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and a.tobytes() == b.tobytes()


def last(statuses: Recorder) -> QueueStatus:
    status = statuses.items[-1]
    assert isinstance(status, QueueStatus)
    return status


def test_prints_in_order_and_reports_each_label() -> None:
    printer, printed, statuses = SimPrinter(), Recorder(), Recorder()
    queue = PrintQueue(printer, statuses, printed)
    jobs = labels("A2345678", "B2345678", "C2345678")
    for job_id, image in jobs.items():
        queue.submit(job_id, image)
    printed.wait_for(lambda items: len(items) == 3)
    assert printed.items == list(jobs)
    assert all(same(a, b) for a, b in zip(printer.images, jobs.values(), strict=True))
    statuses.wait_for(lambda items: items[-1] == QueueStatus("idle", 0, printed=3))
    assert queue.close() == []
    assert last(statuses).state == "closed"


def test_duplicate_job_id_is_printed_once() -> None:
    printer, printed = SimPrinter(), Recorder()
    queue = PrintQueue(printer, lambda _s: None, printed)
    image = sample_label("D2345678")
    queue.submit("parcel-1", image)
    queue.submit("parcel-1", image)  # double tap while queued
    printed.wait_for(lambda items: len(items) == 1)
    queue.submit("parcel-1", image)  # and again after it printed
    queue.submit("parcel-1-reprint-1", image)  # a reprint takes a new id
    printed.wait_for(lambda items: len(items) == 2)
    assert queue.close() == []
    assert printed.items == ["parcel-1", "parcel-1-reprint-1"]
    assert len(printer.images) == 2


def test_paper_out_pauses_and_resume_prints_everything() -> None:
    printer, printed, statuses = SimPrinter(), Recorder(), Recorder()
    printer.paper_out = True
    queue = PrintQueue(printer, statuses, printed, retry_initial=30, retry_max=60)
    jobs = labels("E2345678", "F2345678", "G2345678")
    for job_id, image in jobs.items():
        queue.submit(job_id, image)
    statuses.wait_for(lambda items: items[-1].paused and items[-1].waiting == 3)
    status = last(statuses)
    assert status.problem == "paper_out" and "paper" in status.reason
    assert status.retry_in is not None and 25 < status.retry_in <= 30
    assert printed.items == [] and queue.pending() == list(jobs)
    printer.paper_out = False
    queue.resume_now()  # the banner's "retry" button: no waiting out the backoff
    printed.wait_for(lambda items: len(items) == 3, timeout=5)
    assert printed.items == list(jobs)
    assert all(same(a, b) for a, b in zip(printer.images, jobs.values(), strict=True))
    assert queue.status == QueueStatus("idle", 0, printed=3)
    queue.close()


def test_offline_printer_backs_off_and_prints_when_back() -> None:
    printer, printed, statuses = SimPrinter(), Recorder(), Recorder()
    printer.offline = True
    queue = PrintQueue(printer, statuses, printed, **FAST)
    queue.submit("H2345678", sample_label("H2345678"))
    statuses.wait_for(lambda items: items[-1].paused and items[-1].problem == "offline")
    statuses.wait_for(lambda _items: printer.attempts >= 3)  # retried on its own
    printer.offline = False
    printed.wait_for(lambda items: items == ["H2345678"])
    queue.close()


def test_tcp_printer_offline_mid_queue_then_back(tcp_printer: TcpPrinterServer) -> None:
    printer = open_printer(tcp_printer.url(), timeout=2)
    assert isinstance(printer, EscposPrinter)
    printed, statuses = Recorder(), Recorder()
    queue = PrintQueue(printer, statuses, printed, **FAST)
    jobs = labels("J2345678", "K2345678", "L2345678", "M2345678", "N2345678")
    codes = list(jobs)
    for code in codes[:2]:
        queue.submit(code, jobs[code])
    printed.wait_for(lambda items: len(items) == 2)

    tcp_printer.stop_accepting()  # unplugged: connection closed, new ones refused
    for code in codes[2:]:
        queue.submit(code, jobs[code])
    statuses.wait_for(lambda items: items[-1].paused and items[-1].waiting == 3)
    status = last(statuses)
    assert status.problem == "offline" and "offline" in status.reason
    assert printed.items == codes[:2]

    tcp_printer.start_accepting()
    printed.wait_for(lambda items: len(items) == 5, timeout=10)
    assert printed.items == codes
    data = tcp_printer.received
    positions = [data.find(printer.job_bytes(jobs[code])) for code in codes]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert [data.count(printer.job_bytes(jobs[code])) for code in codes] == [1] * 5
    assert queue.close() == []


def test_connection_dropped_mid_label_is_retried_not_lost(
    tcp_printer: TcpPrinterServer,
) -> None:
    printer = open_printer(tcp_printer.url(), timeout=2)
    assert isinstance(printer, EscposPrinter)
    printed, statuses = Recorder(), Recorder()
    queue = PrintQueue(printer, statuses, printed, **FAST)
    jobs = labels("P2345678", "Q2345678")
    tcp_printer.close_after(5000)  # the link drops 5 kB into the first label
    for job_id, image in jobs.items():
        queue.submit(job_id, image)
    printed.wait_for(lambda items: len(items) == 2, timeout=10)
    assert printed.items == list(jobs)
    assert any(s.paused and s.problem == "offline" for s in statuses.items)  # type: ignore[attr-defined]
    first = tcp_printer.connections[0]
    assert len(first) == 5000 and printer.job_bytes(jobs["P2345678"]) not in first
    data = tcp_printer.received
    for image in jobs.values():
        assert data.count(printer.job_bytes(image)) == 1
    queue.close()


def test_close_returns_unprinted_labels_and_refuses_more() -> None:
    printer, statuses = SimPrinter(), Recorder()
    printer.offline = True
    queue = PrintQueue(printer, statuses, **FAST)
    queue.submit("R2345678", sample_label("R2345678"))
    queue.submit("S2345678", sample_label("S2345678"))
    statuses.wait_for(lambda items: items[-1].paused)
    assert queue.close(timeout=0.3) == ["R2345678", "S2345678"]
    assert last(statuses).state == "closed" and last(statuses).waiting == 2
    with pytest.raises(RuntimeError, match="closed"):
        queue.submit("T2345678", sample_label("T2345678"))


def test_close_drains_waiting_labels() -> None:
    printer = SimPrinter(print_seconds=0.02)
    queue = PrintQueue(printer, lambda _s: None)
    for job_id, image in labels("U2345678", "V2345678", "W2345678").items():
        queue.submit(job_id, image)
    assert queue.close(timeout=5) == []
    assert len(printer.images) == 3


def test_too_wide_label_is_refused_at_submit() -> None:
    queue = PrintQueue(SimPrinter(width_dots=384), lambda _s: None)
    with pytest.raises(PrinterError, match="576 dots wide"):
        queue.submit("X2345678", sample_label("X2345678", width=576))
    assert queue.pending() == []
    queue.close()


class CrashingPrinter(LabelPrinter):
    """A driver with a bug: raises something that is not a device error."""

    def __init__(self) -> None:
        super().__init__("crash:")
        self.calls = 0

    def print_image(self, img: Image.Image) -> None:
        self.calls += 1
        raise RuntimeError("driver bug")

    def status(self) -> PrinterStatus:
        return PrinterStatus(True, "ok")


def test_driver_crash_gives_up_on_that_label_and_says_so() -> None:
    printer, failed, printed = CrashingPrinter(), Recorder(), Recorder()
    queue = PrintQueue(printer, lambda _s: None, printed, on_failed=failed, max_crashes=2, **FAST)
    queue.submit("Y2345678", sample_label("Y2345678"))
    items = failed.wait_for(lambda items: len(items) == 1)
    job_id, error = items[0]  # type: ignore[misc]
    assert job_id == "Y2345678" and isinstance(error, RuntimeError)
    assert printer.calls == 2 and queue.pending() == [] and printed.items == []
    queue.close()


def test_status_listener_failure_does_not_stop_printing() -> None:
    printer, printed = SimPrinter(), Recorder()

    def broken_listener(_status: QueueStatus) -> None:
        raise ValueError("UI bug")

    queue = PrintQueue(printer, broken_listener, printed)
    queue.submit("Z2345678", sample_label("Z2345678"))
    printed.wait_for(lambda items: items == ["Z2345678"])
    queue.close()


def test_sim_printer_writes_pngs(tmp_path: Path) -> None:
    printer = open_printer(f"sim:?width=384&dir={tmp_path}")
    assert isinstance(printer, SimPrinter) and printer.width_dots == 384
    label = sample_label(width=384)
    printer.print_image(label)
    files = list(tmp_path.glob("label-*.png"))
    assert len(files) == 1
    with Image.open(files[0]) as saved:
        assert same(saved.convert("1"), label)
    assert printer.last_image is not None and same(printer.last_image, label)
    assert printer.status() == PrinterStatus(True, "ok", "simulated printer")
