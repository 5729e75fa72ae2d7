"""AIM symbology identifiers (ISO/IEC 15424) and GS1 separator handling.

A scanner set to send AIM identifiers prefixes each read with ``]`` + a code character +
a modifier, e.g. ``]C1`` for GS1-128. The prefix tells us the symbology (and whether the
symbol is GS1, which matters to the tracking-number parser) and is removed from the text.

GS1 symbols separate variable-length fields with FNC1, which scanners transmit as ASCII GS
(0x1D). Through a keyboard wedge it may arrive as Ctrl+] (also GS) or as a configured
printable stand-in such as ``~`` or ``|``; :func:`decode_scan` maps that stand-in back to GS
so that every driver hands the same ``"\\x1d"`` to the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hardware.scanner.base import ScanEvent

GS = "\x1d"


class Symbology(StrEnum):
    """Symbology names used in :attr:`ScanEvent.symbology` by every scanner driver."""

    CODE128 = "code128"
    GS1_128 = "gs1-128"
    EAN13 = "ean13"  # also UPC-A and UPC-E, which AIM reports as EAN-13
    EAN8 = "ean8"
    EAN_ADDON = "ean-addon"
    CODE39 = "code39"
    CODE93 = "code93"
    CODE11 = "code11"
    CODABAR = "codabar"
    ITF = "itf"
    MSI = "msi"
    QR = "qr"
    QR_GS1 = "qr-gs1"
    DATAMATRIX = "datamatrix"
    DATAMATRIX_GS1 = "datamatrix-gs1"
    PDF417 = "pdf417"
    MAXICODE = "maxicode"
    AZTEC = "aztec"
    GS1_DATABAR = "gs1-databar"


#: Symbologies whose payload is GS1 element strings (FNC1 in first position).
GS1_SYMBOLOGIES = frozenset(
    {Symbology.GS1_128, Symbology.QR_GS1, Symbology.DATAMATRIX_GS1, Symbology.GS1_DATABAR}
)

# Code character -> (default symbology, {modifier: symbology} overrides).
_AIM_TABLE: dict[str, tuple[Symbology, dict[str, Symbology]]] = {
    "A": (Symbology.CODE39, {}),
    "C": (Symbology.CODE128, {"1": Symbology.GS1_128}),
    "E": (
        Symbology.EAN13,
        {"1": Symbology.EAN_ADDON, "2": Symbology.EAN_ADDON, "4": Symbology.EAN8},
    ),
    "F": (Symbology.CODABAR, {}),
    "G": (Symbology.CODE93, {}),
    "H": (Symbology.CODE11, {}),
    "I": (Symbology.ITF, {}),
    "L": (Symbology.PDF417, {}),
    "M": (Symbology.MSI, {}),
    "Q": (Symbology.QR, {"3": Symbology.QR_GS1, "4": Symbology.QR_GS1}),
    "U": (Symbology.MAXICODE, {}),
    "d": (Symbology.DATAMATRIX, {"2": Symbology.DATAMATRIX_GS1, "5": Symbology.DATAMATRIX_GS1}),
    "e": (Symbology.GS1_DATABAR, {}),
    "z": (Symbology.AZTEC, {}),
}

_MODIFIERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class AimPrefix:
    """A recognised AIM identifier: the raw ``]Xm`` and the symbology it names."""

    identifier: str
    symbology: Symbology

    @property
    def is_gs1(self) -> bool:
        return self.symbology in GS1_SYMBOLOGIES


def parse_aim(text: str) -> tuple[AimPrefix | None, str]:
    """Split a leading AIM identifier off ``text``.

    Returns ``(prefix, rest)``; ``prefix`` is None (and ``rest`` is ``text`` unchanged) when
    the text does not start with an identifier we know, so data that merely begins with
    ``]`` is left alone.
    """
    if len(text) < 3 or text[0] != "]":
        return None, text
    code, modifier = text[1], text[2]
    entry = _AIM_TABLE.get(code)
    if entry is None or modifier not in _MODIFIERS:
        return None, text
    default, overrides = entry
    return AimPrefix(text[:3], overrides.get(modifier, default)), text[3:]


def restore_gs(text: str, replacement: str | None) -> str:
    """Map the scanner's configured stand-in for FNC1 (e.g. ``"~"``) back to GS."""
    if not replacement:
        return text
    return text.replace(replacement, GS)


def decode_scan(
    raw: str,
    source: str,
    *,
    symbology: str | None = None,
    gs_replacement: str | None = None,
) -> ScanEvent:
    """Turn the raw text of one read into a :class:`ScanEvent`.

    Trailing CR/LF are dropped, an AIM prefix is parsed (it wins over a ``symbology`` the
    transport reported separately, being more precise), and ``gs_replacement`` is mapped
    back to GS unless the symbology is known to be a non-GS1 one, where the character is
    genuine data (a plain Code 128 cannot contain FNC1 separators).
    """
    text = raw.rstrip("\r\n")
    prefix, text = parse_aim(text)
    name = prefix.symbology.value if prefix is not None else symbology
    if gs_replacement and (name is None or name in GS1_SYMBOLOGIES):
        text = restore_gs(text, gs_replacement)
    return ScanEvent(text=text, symbology=name, source=source)
