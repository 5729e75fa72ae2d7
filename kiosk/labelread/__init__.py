"""Label reading: the recipient off a shipping label, so that intake needs no typing.

One camera frame of a parcel's shipping label gives its tracking number, the resident it is
most likely for with a confidence 0..1 (a proposal above ``labels.match_threshold``, else up
to three candidates) and flags such as ``other_building``. Staff always confirm; when they
choose someone else, :func:`~kiosk.labelread.service.record_correction` logs it and teaches
the name on the label to the directory as an alias.

Modules, in pipeline order:

* :mod:`~kiosk.labelread.image` — find the label in the frame, flatten it, even out the light;
* :mod:`~kiosk.labelread.ocr` — Tesseract, in-process (tesserocr) or the ``tesseract`` program;
* :mod:`~kiosk.labelread.payload` — UPS MaxiCode / FedEx PDF417 ship-to fields;
* :mod:`~kiosk.labelread.address` — the ship-to block out of the OCR text;
* :mod:`~kiosk.labelread.match` — candidates from the resident directory, confidence, flags;
* :mod:`~kiosk.labelread.reader` — :class:`~kiosk.labelread.reader.LabelReader`, all of it;
* :mod:`~kiosk.labelread.service` — corrections (event + alias) and the property's address;
* :mod:`~kiosk.labelread.evaluate` — accuracy over a folder of photos with a truth file.

Barcodes are decoded by the camera layer: this package may not import ``hardware``, so the
reader takes decoded barcodes, or a decoder callable, from its caller. ``hardware.labelread``
plugs in ``hardware.camera.decoder.decode_image`` and adds ``packroom labels evaluate``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.labelread.match import Candidate, RecipientMatch
    from kiosk.labelread.reader import LabelReader, LabelReading

# Loaded on first use: the pipeline brings OpenCV and NumPy, which the resident screens never need.
_HOMES = {"Candidate": "match", "RecipientMatch": "match", "LabelReader": "reader", "LabelReading": "reader"}

__all__ = ["Candidate", "LabelReader", "LabelReading", "RecipientMatch"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
