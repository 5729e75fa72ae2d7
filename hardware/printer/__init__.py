"""Label printers (ESC/POS over USB, serial, TCP or a device file; a simulator) and the queue
that prints through them without losing or doubling a label.

Open a printer with :func:`open_printer`, wrap it in a :class:`PrintQueue`, submit labels
rendered by :func:`kiosk.labels.render_label` at the printer's ``width_dots``.
"""

from hardware.printer.base import LabelPrinter, PrinterStatus
from hardware.printer.factory import open_printer
from hardware.printer.queue import PrintQueue, QueueStatus
from hardware.printer.sim import SimPrinter

__all__ = [
    "LabelPrinter", "PrintQueue", "PrinterStatus", "QueueStatus", "SimPrinter", "open_printer",
]
