"""Reading a rent-roll CSV safely: size limits, encodings, delimiters and title lines.

Exports arrive as UTF-8 (with or without a BOM), Windows-1252 from older desktop tools, or
UTF-16 from Excel's "Unicode text"; comma-, semicolon-, tab- or pipe-separated; sometimes with
a report title and an "as of" line above the header. This module turns any of them into
numbered records — the number being the row the user sees in a spreadsheet — or refuses the
file with one clear :class:`RentRollError` before holding more than the size limit in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from kiosk.residents.presets import RentRollError

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
_CHUNK = 1 << 20
_DELIMITERS = ",;\t|"

Source = Path | str | TextIO | BinaryIO


@dataclass(frozen=True)
class CsvText:
    """A whole file decoded to text, with its display name and how it was decoded."""

    name: str
    text: str
    encoding: str

    @property
    def note(self) -> str:
        """A warning for the report when the encoding was guessed rather than declared."""
        if self.encoding in ("cp1252", "latin-1"):
            return f"the file is not UTF-8; it was read as {self.encoding} (check accented names)"
        return ""


def _too_big(name: str, limit: int) -> RentRollError:
    return RentRollError(f"{name} is larger than {limit // (1024 * 1024)} MB; "
                         "export only the property's residents")


def read_source(source: Source, max_bytes: int = MAX_BYTES) -> CsvText:
    """Load and decode a file or stream, refusing one over ``max_bytes`` without reading it all."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        name = path.name
        try:
            if path.is_dir():
                raise RentRollError(f"{path} is a folder, not a CSV file")
            if path.stat().st_size > max_bytes:
                raise _too_big(name, max_bytes)
            with path.open("rb") as handle:
                data: bytes | str = handle.read(max_bytes + 1)
        except OSError as exc:
            raise RentRollError(f"cannot read {path}: {exc.strerror or exc}") from None
    else:
        name = str(getattr(source, "name", "") or "<stream>")
        chunks: list[bytes | str] = []
        total = 0
        try:
            while chunk := source.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise _too_big(name, max_bytes)
                chunks.append(chunk)
        except (OSError, UnicodeDecodeError) as exc:
            raise RentRollError(f"cannot read {name}: {exc}") from None
        if chunks and isinstance(chunks[0], bytes):
            data = b"".join(c for c in chunks if isinstance(c, bytes))
        else:
            data = "".join(c for c in chunks if isinstance(c, str))
    if len(data) > max_bytes:
        raise _too_big(name, max_bytes)
    if isinstance(data, str):
        return CsvText(name, data.removeprefix("\ufeff"), "text")
    text, encoding = decode(data, name)
    return CsvText(name, text, encoding)


def decode(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Text and encoding: BOM-declared UTF-8/UTF-16, else UTF-8, else Windows-1252, else Latin-1."""
    if data.startswith(b"PK\x03\x04"):
        raise RentRollError(f"{name} is an Excel workbook or zip archive; save it as CSV first")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise RentRollError(f"{name} says it is UTF-16 but is not valid UTF-16 text") from None
    if b"\x00" in data:
        raise RentRollError(f"{name} is not a text file (it contains NUL bytes); export it as CSV")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter used most often outside quotes on the first non-blank line (default comma).

    Counting on the header line is more dependable than :class:`csv.Sniffer` on rent rolls,
    whose names and money columns ("Garcia, Maria", "1,250.00") are full of quoted commas.
    """
    for line in text.splitlines()[:20]:
        if not line.strip():
            continue
        counts = dict.fromkeys(_DELIMITERS, 0)
        quoted = False
        for ch in line:
            if ch == '"':
                quoted = not quoted
            elif not quoted and ch in counts:
                counts[ch] += 1
        best = max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
        if counts[best]:
            return best
    return ","


def records(text: str, delimiter: str, max_rows: int = MAX_ROWS) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for every record, 1-based; raises on too many rows.

    A malformed record raises :class:`csv.Error`; the caller reports it at that row.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        skipinitialspace=False, strict=False)
    for number, cells in enumerate(reader, start=1):
        if number > max_rows + 1:  # + 1: the header row
            raise RentRollError(f"the file has more than {max_rows:,} rows; export only the "
                                "property's residents")
        yield number, cells
