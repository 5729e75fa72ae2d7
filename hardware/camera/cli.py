"""``packroom decode IMAGE... [--json]``: decode barcodes in photos, as the camera would.

Useful on site to check that a label, a carrier's barcode or a camera snapshot is readable,
and to file a reproducible report when it is not.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from hardware.camera.decoder import Barcode

log = logging.getLogger(__name__)


def _printable(text: str) -> str:
    """Show control characters (GS1's GS, line breaks in QR texts) as escapes on one line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def _read(path: str) -> list[Barcode]:
    from PIL import Image

    from hardware.camera.decoder import decode_image

    with Image.open(path) as image:
        image.load()
        return decode_image(image)


def decode_command(
    paths: list[str],
    as_json: bool,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print the barcodes found in each image; return 0, or 1 if any image could not be read.

    Plain output is one line per barcode, ``PATH: TEXT (symbology)``, nothing for an image
    without one. With ``as_json`` it is one JSON object per image and line:
    ``{"image": PATH, "barcodes": [{"text": ..., "symbology": ...}]}``. An unreadable image
    gets a one-line error on ``err`` (stderr) and the others are still decoded.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    from PIL import UnidentifiedImageError

    status = 0
    for path in paths:
        try:
            barcodes = _read(path)
        except FileNotFoundError:
            print(f"packroom decode: {path}: no such file", file=err)
            status = 1
            continue
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            print(f"packroom decode: {path}: cannot read the image ({exc})", file=err)
            status = 1
            continue
        if as_json:
            record: dict[str, Any] = {
                "image": path,
                "barcodes": [{"text": b.text, "symbology": b.symbology} for b in barcodes],
            }
            print(json.dumps(record), file=out)
        else:
            for barcode in barcodes:
                print(f"{path}: {_printable(barcode.text)} ({barcode.symbology})", file=out)
    out.flush()
    return status


def register(subparsers: Any) -> None:
    """Add the ``decode`` sub-command to an argparse ``subparsers`` object."""
    parser = subparsers.add_parser(
        "decode",
        help="decode the barcodes in photos or camera snapshots",
        description="Decode every barcode in each IMAGE with the camera's decoder "
        "(QR, Code 128, PDF417, Data Matrix, MaxiCode, EAN/UPC, Code 39, ITF, Aztec).",
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="image files to decode")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per image and line")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    return decode_command(list(args.images), bool(args.json))
