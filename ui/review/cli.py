"""``packroom review FILE [--verify]``: the verdict on a review bundle, or the manager viewer window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``review`` command to the ``packroom`` parser."""
    review = subparsers.add_parser(
        "review", help="open a review bundle read-only; --verify: print whether it is intact (exit 0) or not",
        description="Open a bundle written by `packroom export` in the read-only manager viewer, with the "
                    "verdict on its integrity at the top. With --verify, print the verdict without a "
                    "window and exit 0 only for an intact bundle.")
    review.add_argument("file", metavar="FILE", help="the review bundle (.zip)")
    review.add_argument("--verify", action="store_true", help="print the verdict only; exit 1 if altered")
    review.set_defaults(func=_cmd_review)


def _cmd_review(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError
    from kiosk.reports.cli import verify_command

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise CliError(f"{path}: no such file" if not path.exists() else f"{path} is not a file")
    if args.verify:
        return verify_command(str(path))
    from PySide6.QtWidgets import QApplication

    from kiosk.reports.bundle import BundleError, BundleReader
    from ui.review.window import ReviewWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Packroom review")
    try:
        reader = BundleReader(path)
    except BundleError as exc:
        raise CliError(str(exc)) from None
    window = ReviewWindow(reader)
    window.resize(1200, 800)
    window.show()
    code = app.exec()
    reader.close()
    return int(code)
