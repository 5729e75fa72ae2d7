"""Local OCR with Tesseract: words with their boxes and confidences, nothing sent anywhere.

Two back-ends give the same :class:`OcrWord` list:

* ``tesserocr`` (PyPI; its wheels carry libtesseract) runs Tesseract in-process. An engine is
  loaded once (~0.2 s) and reused; engines are pooled so that the two halves of a label can be
  read on the two cores at once and several callers never share one (Tesseract is not
  thread-safe; tesserocr releases the GIL while it recognises).
* the ``tesseract`` program (Debian's ``tesseract-ocr``) through its TSV output, when tesserocr
  is not installed: ~0.1 s slower per call, as the model is loaded every time.

Either way the language data come from Debian's ``tesseract-ocr-eng`` (``eng.traineddata``),
found in :func:`find_tessdata`; nothing is downloaded at run time. ``tessedit_do_invert=0``:
labels are dark on light, and Tesseract otherwise re-reads every doubtful line inverted,
which costs about a third of the time for nothing.
"""

from __future__ import annotations

import csv
import glob
import importlib.util
import io
import logging
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

_TESSDATA_GLOBS = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/*/tessdata",
    "/opt/homebrew/share/tessdata",
    r"C:\Program Files\Tesseract-OCR\tessdata",
)
_VARIABLES = {
    "tessedit_do_invert": "0",
    # Labels carry names and numbers, not dictionary prose: the word lists only pull names
    # towards English words ("MARIE" → "MARINE").
    "load_system_dawg": "0",
    "load_freq_dawg": "0",
}


class OcrUnavailable(RuntimeError):
    """Tesseract or its English language data is not installed; the message says what to install."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognised word: text, confidence 0–100 and box (left, top, width, height) in pixels.

    ``line`` numbers the text line the word belongs to (unique within one recognition).
    """

    text: str
    conf: float
    box: tuple[int, int, int, int]
    line: int


class OcrEngine(Protocol):
    """Anything that turns an 8-bit grayscale image into words (Tesseract, or a test double)."""

    def words(self, gray: np.ndarray) -> list[OcrWord]: ...


def find_tessdata(configured: str = "") -> Path:
    """The folder holding ``eng.traineddata``: ``configured``, ``$TESSDATA_PREFIX``, then Debian's."""
    candidates = [configured, os.environ.get("TESSDATA_PREFIX", "")]
    for pattern in _TESSDATA_GLOBS:
        candidates.extend(sorted(glob.glob(pattern), reverse=True))  # newest major version first
    for candidate in candidates:
        if not candidate:
            continue
        for folder in (Path(candidate), Path(candidate) / "tessdata"):
            if (folder / "eng.traineddata").is_file():
                return folder
    raise OcrUnavailable("no Tesseract English language data (eng.traineddata) found: install the "
                         "Debian packages tesseract-ocr and tesseract-ocr-eng, or set labels.tessdata_dir")


class TesseractOcr:
    """Tesseract through tesserocr when it is installed, else the ``tesseract`` program."""

    def __init__(self, tessdata: str | os.PathLike[str] | None = None, language: str = "eng",
                 backend: str = "auto") -> None:
        self.tessdata = Path(tessdata) if tessdata else find_tessdata()
        self.language = language
        if backend == "auto":
            backend = "tesserocr" if _has_tesserocr() else "cli"
        if backend not in ("tesserocr", "cli"):
            raise ValueError(f"unknown OCR backend {backend!r}")
        check_available(self.tessdata, backend)
        self.backend = backend
        self._pool: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._created = 0
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ tesserocr

    def _new_api(self) -> Any:
        import tesserocr

        _quiet_leptonica()
        api = tesserocr.PyTessBaseAPI(path=str(self.tessdata) + os.sep, lang=self.language,
                                      psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY,
                                      variables=dict(_VARIABLES))
        with self._lock:
            self._created += 1
        return api

    @contextmanager
    def _api(self) -> Iterator[Any]:
        try:
            api = self._pool.get_nowait()
        except queue.Empty:
            api = self._new_api()
        try:
            yield api
        finally:
            self._pool.put(api)

    def warm_up(self, engines: int = 1) -> None:
        """Load ``engines`` Tesseract engines now (a fraction of a second each), off the GUI thread."""
        if self.backend != "tesserocr":
            return
        while self._created < engines:
            self._pool.put(self._new_api())

    def words(self, gray: np.ndarray) -> list[OcrWord]:
        """Recognise the words of an 8-bit grayscale image (automatic page layout)."""
        if gray.size == 0:
            return []
        if self.backend == "cli":
            return self._words_cli(gray)
        return self._words_api(gray)

    def _words_api(self, gray: np.ndarray) -> list[OcrWord]:
        import numpy as np
        import tesserocr
        from PIL import Image

        image = Image.fromarray(np.ascontiguousarray(gray), "L")
        words: list[OcrWord] = []
        with self._api() as api:
            api.SetImage(image)
            api.Recognize()
            iterator = api.GetIterator()
            level = tesserocr.RIL.WORD
            line = 0
            if iterator is None:
                return []
            while True:
                try:
                    text = iterator.GetUTF8Text(level)
                except RuntimeError:  # an empty element ("No text returned")
                    text = ""
                box = iterator.BoundingBox(level)
                if text and text.strip() and box is not None:
                    x1, y1, x2, y2 = box
                    words.append(OcrWord(text.strip(), float(iterator.Confidence(level)),
                                         (x1, y1, x2 - x1, y2 - y1), line))
                if iterator.IsAtFinalElement(tesserocr.RIL.TEXTLINE, level):
                    line += 1
                if not iterator.Next(level):
                    break
            api.Clear()
        return words

    # ------------------------------------------------------------------ tesseract program

    def _words_cli(self, gray: np.ndarray) -> list[OcrWord]:
        import cv2

        ok, png = cv2.imencode(".png", gray)
        if not ok:
            return []
        command = ["tesseract", "stdin", "stdout", "-l", self.language, "--psm", "3", "--oem", "1",
                   "--tessdata-dir", str(self.tessdata)]
        for name, value in _VARIABLES.items():
            command += ["-c", f"{name}={value}"]
        command.append("tsv")
        try:
            done = subprocess.run(command, input=png.tobytes(), capture_output=True, timeout=30, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise OcrUnavailable(f"tesseract failed: {exc}") from None
        return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(text: str) -> list[OcrWord]:
    """Words from Tesseract's TSV output (level 5 rows), lines numbered by block/paragraph/line."""
    words: list[OcrWord] = []
    lines: dict[tuple[str, str, str], int] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        try:
            box = (int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            conf = float(row["conf"])
        except (KeyError, TypeError, ValueError):
            continue
        key = (row.get("block_num", ""), row.get("par_num", ""), row.get("line_num", ""))
        line = lines.setdefault(key, len(lines))
        words.append(OcrWord(row["text"].strip(), conf, box, line))
    return words


_QUIET = False


def _quiet_leptonica() -> None:
    """Stop Leptonica printing "Error in boxClipToRectangle" lines on stderr for every label.

    They are harmless (a box touching the image edge) but would fill the kiosk's console and
    the CLI's output. Leptonica has no Python binding here, so its ``setMsgSeverity`` is
    called through ctypes on the copy tesserocr loaded (its wheel's, or the system's).
    """
    global _QUIET
    if _QUIET:
        return
    _QUIET = True
    import ctypes
    import ctypes.util

    try:
        import tesserocr
    except ImportError:
        return
    libs = Path(tesserocr.__file__).resolve().parent.parent / "tesserocr.libs"
    candidates = sorted(str(p) for p in libs.glob("libleptonica*.so*")) if libs.is_dir() else []
    candidates += [name for name in (ctypes.util.find_library("leptonica"), ctypes.util.find_library("lept"))
                   if name]
    for candidate in candidates:
        try:
            ctypes.CDLL(candidate).setMsgSeverity(6)  # L_SEVERITY_NONE
        except (OSError, AttributeError):
            continue


def check_available(tessdata: str | os.PathLike[str] | None = None, backend: str = "auto") -> None:
    """Raise :class:`OcrUnavailable` unless Tesseract can run here: its English data and tesserocr or
    the ``tesseract`` program. Cheap: nothing is loaded (the kiosk asks at start, reads at sign-in)."""
    if not tessdata:
        find_tessdata()
    tesserocr = backend in ("auto", "tesserocr") and importlib.util.find_spec("tesserocr") is not None
    if not tesserocr and shutil.which("tesseract") is None:
        raise OcrUnavailable("neither tesserocr nor the tesseract program is installed: install the "
                             "Debian package tesseract-ocr (and pip install tesserocr for speed)")


def _has_tesserocr() -> bool:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return True
