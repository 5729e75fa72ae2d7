"""Label figures: render time, and render + send to an ESC/POS printer on local TCP.

    python bench/bench_labels.py [--repeat 100]

The "printer" is a socket server on 127.0.0.1 that takes the bytes and answers DLE EOT
status queries like a real one, so the send figure is our own cost (encoding the raster,
two status round trips, the write), not a print head's speed.
"""

from __future__ import annotations

import argparse
import platform
import socket
import sys
import threading
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import HEADER, row, timed
from hardware.printer.escpos_printer import EscposPrinter
from kiosk.labels import LabelData, Symbol, render_label, render_shelf_label


class LoopbackPrinter:
    """Accepts raw-9100 connections, counts bytes, answers status queries (paper ok)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(2)
        self.port = self.sock.getsockname()[1]
        self.received = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            while chunk := conn.recv(65536):
                self.received += len(chunk)
                if chunk.endswith((b"\x10\x04\x01", b"\x10\x04\x04")):
                    conn.sendall(b"\x12")

    def close(self) -> None:
        self.sock.close()


def label(i: int, **flags: bool) -> LabelData:
    return LabelData(f"ZX4N{i:04d}", f"{1200 + i % 40}", "Maria G.", f"B{i % 9}",
                     datetime(2026, 11, 24, 14, 5), "UPS", property_name="Harbor View", **flags)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    n = args.repeat
    counter = iter(range(10**9))
    all_flags = {"perishable": True, "oversized": True, "signature_required": True,
                 "fragile": True}
    render_label(label(0))  # fonts found and loaded once, as in a running kiosk

    def render(width: int, symbol: Symbol, **flags: bool) -> None:
        render_label(label(next(counter), **flags), width_dots=width, symbol=symbol)

    rows = [
        row("render 80 mm (576 dots), QR", timed(lambda: render(576, "qr"), n)),
        row("render 80 mm, QR, all four pictograms",
            timed(lambda: render(576, "qr", **all_flags), n)),
        row("render 80 mm, Code 128", timed(lambda: render(576, "code128"), n)),
        row("render 58 mm (384 dots), QR", timed(lambda: render(384, "qr"), n)),
        row("render shelf label 80 mm", timed(lambda: render_shelf_label("SH-B3", "Shelf B3"), n)),
    ]
    server = LoopbackPrinter()
    printer = EscposPrinter(f"escpos-tcp://127.0.0.1:{server.port}")
    sample = render_label(label(0))
    job_size = len(printer.job_bytes(sample))
    printer.print_image(sample)  # connect and import python-escpos outside the timing

    def render_and_send() -> None:
        printer.print_image(render_label(label(next(counter))))

    rows.append(row("render + send to TCP printer (80 mm, QR)", timed(render_and_send, n),
                    "p95 < 250 ms"))
    rows.append(row("send only (raster encode + status + write)",
                    timed(lambda: printer.print_image(sample), n)))
    printer.close()
    server.close()
    print(f"Labels; {platform.processor() or platform.machine()}, Python "
          f"{platform.python_version()}; one 80 mm label = {sample.width}x{sample.height} dots, "
          f"{job_size / 1024:.1f} KiB of ESC/POS")
    print(HEADER)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
