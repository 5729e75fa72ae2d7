"""Parcel and shelf labels rendered as 1-bit images for 58 mm and 80 mm thermal printers.

The same image is shown on screen and sent to the printer as a raster, so the preview and
the paper match. Everything is drawn at the printer's resolution (8 dots/mm at 203 dpi)
with whole-dot bar and module widths, so codes stay crisp and both a handheld scanner and
the kiosk camera read them back. Pure Pillow: no Qt, no printer here.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Literal

import barcode
import qrcode
from PIL import Image, ImageDraw, ImageFont

log = logging.getLogger(__name__)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Symbol = Literal["qr", "code128"]

WIDTH_58MM = 384
WIDTH_80MM = 576
BLACK = 0
WHITE = 255

_FONT_PATHS = {
    True: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "/usr/local/share/fonts/DejaVuSans-Bold.ttf",
        "/Library/Fonts/DejaVuSans-Bold.ttf",
        r"C:\Windows\Fonts\DejaVuSans-Bold.ttf",
    ),
    False: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/local/share/fonts/DejaVuSans.ttf",
        "/Library/Fonts/DejaVuSans.ttf",
        r"C:\Windows\Fonts\DejaVuSans.ttf",
    ),
}


@dataclass(frozen=True)
class LabelData:
    """What goes on a parcel label. ``recipient`` is already short: first name + initial."""

    parcel_code: str
    unit: str
    recipient: str
    shelf: str
    received_at: datetime
    carrier: str | None
    perishable: bool = False
    oversized: bool = False
    signature_required: bool = False
    fragile: bool = False
    property_name: str = ""


def short_name(first_name: str, last_name: str) -> str:
    """``("Maria", "Garcia")`` → ``"Maria G."``: enough to find a parcel, little to leak."""
    first = first_name.strip()
    initial = last_name.strip()[:1].upper()
    if first and initial:
        return f"{first} {initial}."
    return first or (f"{initial}." if initial else "")


# -- fonts -------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _font_file(bold: bool) -> str | None:
    """Find DejaVu Sans (bold or book) on this machine; None if there is no TrueType font."""
    for path in _FONT_PATHS[bold]:
        if os.path.isfile(path):
            return path
    fc_match = shutil.which("fc-match")
    if fc_match:
        pattern = "DejaVu Sans:bold" if bold else "DejaVu Sans"
        try:
            found = subprocess.run(
                [fc_match, "-f", "%{file}", pattern],
                capture_output=True, text=True, timeout=5, check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError) as exc:
            log.debug("fc-match failed: %s", exc)
            found = ""
        if found.lower().endswith((".ttf", ".otf")) and os.path.isfile(found):
            return found
    log.warning("DejaVu Sans not found; labels use Pillow's built-in font")
    return None


@lru_cache(maxsize=128)
def _font(size: int, bold: bool = True) -> Font:
    size = max(6, size)
    path = _font_file(bold)
    if path is not None:
        try:
            return ImageFont.truetype(path, size)
        except OSError as exc:
            log.warning("cannot load font %s: %s", path, exc)
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, ImportError):  # Pillow < 10.1 or no FreeType
        return ImageFont.load_default()


def _text_width(font: Font, text: str) -> float:
    return float(font.getlength(text))


def _fit(
    text: str, max_width: int, size: int, min_size: int, bold: bool = True
) -> tuple[Font, str]:
    """The largest font from ``size`` down to ``min_size`` that fits; then shorten the text."""
    for candidate in range(size, min_size - 1, -max(1, size // 40)):
        font = _font(candidate, bold)
        if _text_width(font, text) <= max_width:
            return font, text
    font = _font(min_size, bold)
    while len(text) > 1 and _text_width(font, text + "…") > max_width:
        text = text[:-1]
    return font, text + "…"


def _line_height(font: Font, text: str = "Ag") -> int:
    return int(font.getbbox(text)[3])


# -- codes -------------------------------------------------------------------------------------


QR_MASK = 4  # the mask pattern of the labels' QR codes (see qr_modules)


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code matrix of ``text`` (medium error correction), without the quiet zone."""
    # Choosing the mask means laying the code out eight times and scoring each in pure Python (~8 ms,
    # most of a label's render). A label's short code fits a small symbol, printed large, where the
    # mask hardly matters to a scanner: one fixed mask (decoding is checked in the tests).
    mask = QR_MASK if len(text) <= 32 else None
    qr = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=mask)
    qr.add_data(text)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def code128_modules(text: str) -> str:
    """The Code 128 bar pattern of ``text`` as ``"1"``/``"0"`` modules, without quiet zones."""
    return str(barcode.get_barcode_class("code128")(text).build()[0])


def _draw_qr(img: Image.Image, text: str, left: int, top: int, module: int) -> int:
    """Draw a QR code (with its 4-module quiet zone); return its side in dots."""
    cells = qr_modules(text)
    side = len(cells)
    # One pixel per module, then scaled up whole: each module exactly ``module`` dots square.
    small = Image.frombytes("L", (side, side),
                            bytes(BLACK if dark else WHITE for line in cells for dark in line))
    quiet = 4 * module
    img.paste(small.resize((side * module, side * module), Image.Resampling.NEAREST),
              (left + quiet, top + quiet))
    return (side + 8) * module


def _draw_code128(img: Image.Image, text: str, top: int, height: int, max_width: int) -> int:
    """Draw a centred Code 128 with 10-module quiet zones; return the width used.

    Bars are whole dots wide (2–4 dots per module) so thermal heads print them exactly.
    """
    modules = code128_modules(text)
    total = len(modules) + 20
    module = min(4, max_width // total)
    if module < 2:
        raise ValueError(
            f"{text!r} is too long for a Code 128 on a {max_width}-dot label; use symbol='qr'"
        )
    left = (img.width - total * module) // 2 + 10 * module
    draw = ImageDraw.Draw(img)
    run_start = None
    for i, bit in enumerate(modules + "0"):
        if bit == "1" and run_start is None:
            run_start = i
        elif bit == "0" and run_start is not None:
            draw.rectangle(
                (left + run_start * module, top, left + i * module - 1, top + height - 1),
                fill=BLACK,
            )
            run_start = None
    return total * module


# -- pictograms --------------------------------------------------------------------------------


def _snowflake(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, w: int) -> None:
    for k in range(6):
        a = math.radians(90 + 60 * k)
        ex, ey = cx + r * math.cos(a), cy - r * math.sin(a)
        draw.line((cx, cy, ex, ey), fill=BLACK, width=w)
        # Two small branches on each arm make it read as a snowflake, not a star.
        bx, by = cx + 0.6 * r * math.cos(a), cy - 0.6 * r * math.sin(a)
        for side in (-1, 1):
            b = a + side * math.radians(45)
            draw.line((bx, by, bx + 0.35 * r * math.cos(b), by - 0.35 * r * math.sin(b)),
                      fill=BLACK, width=w)


def _oversized(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, w: int) -> None:
    inner = r // 2
    draw.rectangle((cx - inner, cy - inner, cx + inner, cy + inner), outline=BLACK, width=w)
    head = max(4, r // 3)
    for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x0, y0 = cx + dx * (inner + w), cy + dy * (inner + w)
        x1, y1 = cx + dx * r, cy + dy * r
        draw.line((x0, y0, x1, y1), fill=BLACK, width=w)
        draw.polygon([(x1, y1), (x1 - dx * head, y1), (x1, y1 - dy * head)], fill=BLACK)


def _signature(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, w: int) -> None:
    base = cy + r // 2
    draw.line((cx - r, base, cx + r, base), fill=BLACK, width=w)
    x = r // 3
    draw.line((cx - r, base - 2 * x, cx - r + x, base - x), fill=BLACK, width=w)
    draw.line((cx - r, base - x, cx - r + x, base - 2 * x), fill=BLACK, width=w)
    # A pen, tip down on the line, at 45 degrees.
    tip = (cx + r // 4, base - w)
    length, half = r * 1.1, max(3, r // 7)
    ux, uy = math.cos(math.radians(45)), -math.sin(math.radians(45))
    nx, ny = -uy, ux
    p1 = (tip[0] + ux * half * 2 + nx * half, tip[1] + uy * half * 2 + ny * half)
    p2 = (tip[0] + ux * half * 2 - nx * half, tip[1] + uy * half * 2 - ny * half)
    p3 = (p2[0] + ux * length, p2[1] + uy * length)
    p4 = (p1[0] + ux * length, p1[1] + uy * length)
    draw.polygon([tip, p1, p4, p3, p2], fill=BLACK)
    # A scribbled signature left of the pen.
    points = [(cx - r // 3 + i * r // 8, base - w - (r // 5 if i % 2 else 0)) for i in range(5)]
    draw.line(points, fill=BLACK, width=max(2, w - 1), joint="curve")


def _fragile(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, w: int) -> None:
    top, bowl_bottom = cy - r, cy + r // 6
    half = int(r * 0.6)
    draw.polygon([(cx - half, top), (cx + half, top), (cx + half // 3, bowl_bottom),
                  (cx - half // 3, bowl_bottom)], fill=BLACK)
    draw.line((cx, bowl_bottom, cx, cy + r - w), fill=BLACK, width=w)
    draw.line((cx - half // 1.5, cy + r - w // 2, cx + half // 1.5, cy + r - w // 2),
              fill=BLACK, width=w)
    # The crack, in white across the bowl.
    crack = [(cx - half // 4, top), (cx + half // 6, top + r // 4), (cx - half // 6, top + r // 2),
             (cx + half // 8, bowl_bottom - 2)]
    draw.line(crack, fill=WHITE, width=max(2, w // 2))


_PICTOGRAMS = {
    "perishable": (_snowflake, "PERISHABLE"),
    "oversized": (_oversized, "OVERSIZED"),
    "signature_required": (_signature, "SIGN"),
    "fragile": (_fragile, "FRAGILE"),
}


def _handling_row(img: Image.Image, data: LabelData, top: int, margin: int, scale: float) -> int:
    """Draw the boxed handling pictograms with their word; return the height used."""
    flags = [key for key in _PICTOGRAMS if getattr(data, key)]
    if not flags:
        return 0
    draw = ImageDraw.Draw(img)
    gap = int(8 * scale)
    cell_w = (img.width - 2 * margin - gap * 3) // 4
    icon = int(min(cell_w * 0.6, 76 * scale))
    word_font = _font(int(20 * scale))
    cell_h = icon + _line_height(word_font) + int(22 * scale)
    stroke = max(2, int(5 * scale))
    # Centre the used cells so one icon sits in the middle, not off to the left.
    used = len(flags) * cell_w + (len(flags) - 1) * gap
    left = (img.width - used) // 2
    for i, key in enumerate(flags):
        painter, word = _PICTOGRAMS[key]
        x0 = left + i * (cell_w + gap)
        draw.rounded_rectangle((x0, top, x0 + cell_w, top + cell_h), radius=int(10 * scale),
                               outline=BLACK, width=stroke)
        painter(draw, x0 + cell_w // 2, top + int(8 * scale) + icon // 2, icon // 2 - stroke,
                stroke)
        font, text = _fit(word, cell_w - 2 * stroke - 4, int(20 * scale), 8)
        tw = _text_width(font, text)
        draw.text((x0 + (cell_w - tw) / 2, top + icon + int(12 * scale)), text, font=font,
                  fill=BLACK)
    return cell_h


# -- labels ------------------------------------------------------------------------------------


def _check_width(width_dots: int) -> None:
    if width_dots < 200 or width_dots % 8:
        raise ValueError(
            f"label width {width_dots} dots: use a multiple of 8 of at least 200 "
            f"({WIDTH_58MM} for 58 mm paper, {WIDTH_80MM} for 80 mm)"
        )


def _to_1bit(img: Image.Image) -> Image.Image:
    # A plain threshold, no dithering: text edges and bars stay solid on a thermal head.
    return img.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=Image.Dither.NONE)


def render_label(
    data: LabelData,
    width_dots: int = WIDTH_80MM,
    dpi: int = 203,
    symbol: Symbol = "qr",
) -> Image.Image:
    """Render a parcel label: mode ``"1"``, exactly ``width_dots`` wide, as tall as needed.

    Top to bottom: property and receipt time, the unit in very large type, the recipient,
    the shelf on a black band, the carrier, boxed handling pictograms, and the parcel code
    as a QR code (``symbol="qr"``) or a Code 128 (``"code128"``) with the code spelled out.
    """
    _check_width(width_dots)
    if symbol not in ("qr", "code128"):
        raise ValueError(f"symbol must be 'qr' or 'code128', not {symbol!r}")
    scale = width_dots / WIDTH_80MM
    margin = max(8, int(dpi / 25.4 * 2))  # 2 mm
    inner = width_dots - 2 * margin
    img = Image.new("L", (width_dots, 4000), WHITE)
    draw = ImageDraw.Draw(img)
    y = margin

    small = _font(int(24 * scale), bold=False)
    when = f"{data.received_at:%a %d %b %Y  %H:%M}"
    when_w = _text_width(small, when)
    if data.property_name:
        font, text = _fit(data.property_name, int(inner - when_w - 12 * scale), int(24 * scale), 10)
        draw.text((margin, y), text, font=font, fill=BLACK)
    draw.text((width_dots - margin - when_w, y), when, font=small, fill=BLACK)
    y += _line_height(small) + int(8 * scale)
    draw.rectangle((margin, y, width_dots - margin, y + max(2, int(3 * scale))), fill=BLACK)
    y += int(10 * scale)

    caption = _font(int(24 * scale))
    draw.text((margin, y), "UNIT", font=caption, fill=BLACK)
    y += _line_height(caption)
    font, text = _fit(data.unit, inner, int(190 * scale), int(40 * scale))
    top = int(font.getbbox(text)[1])
    draw.text((margin, y - top), text, font=font, fill=BLACK)
    y += _line_height(font, text) - top + int(14 * scale)

    font, text = _fit(data.recipient, inner, int(58 * scale), int(24 * scale))
    draw.text((margin, y), text, font=font, fill=BLACK)
    y += _line_height(font) + int(14 * scale)

    font, text = _fit(f"SHELF  {data.shelf}", inner - int(24 * scale), int(72 * scale),
                      int(24 * scale))
    band = _line_height(font) + int(20 * scale)
    draw.rectangle((margin, y, width_dots - margin, y + band), fill=BLACK)
    draw.text((margin + int(12 * scale), y + int(8 * scale)), text, font=font, fill=WHITE)
    y += band + int(14 * scale)

    if data.carrier:
        font, text = _fit(data.carrier, inner, int(34 * scale), 10)
        draw.text((margin, y), text, font=font, fill=BLACK)
        y += _line_height(font) + int(14 * scale)

    used = _handling_row(img, data, y, margin, scale)
    if used:
        y += used + int(16 * scale)

    code_font = _font(int(34 * scale))
    if symbol == "qr":
        module = max(4, min(10, int(inner * 0.55) // 29))
        # Let half the quiet zone overlap the margin: the code gets bigger, still 4 modules clear.
        qr_left = max(0, margin - 2 * module)
        side = _draw_qr(img, data.parcel_code, qr_left, y, module)
        text_left = qr_left + side
        font, text = _fit(data.parcel_code, width_dots - margin - text_left,
                          int(44 * scale), 10)
        draw.text((text_left, y + side // 2 - _line_height(font)), text, font=font, fill=BLACK)
        hint = _font(int(20 * scale), bold=False)
        draw.text((text_left, y + side // 2 + int(8 * scale)), "parcel code", font=hint,
                  fill=BLACK)
        y += side
    else:
        y += int(6 * scale)
        bar_h = int(110 * scale)
        _draw_code128(img, data.parcel_code, y, bar_h, width_dots)
        y += bar_h + int(6 * scale)
        tw = _text_width(code_font, data.parcel_code)
        draw.text(((width_dots - tw) / 2, y), data.parcel_code, font=code_font, fill=BLACK)
        y += _line_height(code_font) + int(10 * scale)
    y += margin
    return _to_1bit(img.crop((0, 0, width_dots, y)))


def render_shelf_label(code: str, name: str, width_dots: int = WIDTH_80MM) -> Image.Image:
    """Render a shelf label: the shelf's name large and its code as a Code 128 to scan."""
    _check_width(width_dots)
    scale = width_dots / WIDTH_80MM
    margin = max(8, int(16 * scale))
    img = Image.new("L", (width_dots, 1000), WHITE)
    draw = ImageDraw.Draw(img)
    y = margin
    font, text = _fit(name, width_dots - 2 * margin, int(96 * scale), int(24 * scale))
    tw = _text_width(font, text)
    draw.text(((width_dots - tw) / 2, y), text, font=font, fill=BLACK)
    y += _line_height(font) + int(16 * scale)
    bar_h = int(120 * scale)
    _draw_code128(img, code, y, bar_h, width_dots)
    y += bar_h + int(8 * scale)
    code_font = _font(int(36 * scale))
    tw = _text_width(code_font, code)
    draw.text(((width_dots - tw) / 2, y), code, font=code_font, fill=BLACK)
    y += _line_height(code_font) + margin
    return _to_1bit(img.crop((0, 0, width_dots, y)))
