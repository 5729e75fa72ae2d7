"""Camera frame → flat, upright label image: find the label, undo perspective, even out light.

Pure OpenCV/numpy on arrays. The label is the largest bright, low-saturation quadrilateral in
the frame (white thermal paper on a box); it is warped to a portrait rectangle at the size of
a 4×6 in label printed at 203 dpi. Whether that rectangle is upside down (or, when no outline
was found, on its side) is decided by the reader from where the barcodes are and, failing
that, by which way the text reads (:mod:`kiosk.labelread.reader`).

Every warp keeps its 3×3 matrix, so barcode boxes found in the frame can be mapped onto the
label (to blank them before OCR) and crops of the label mapped back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # left, top, width, height

LABEL_SHORT = 812  # 4 in at 203 dpi
LABEL_LONG = 1218  # 6 in
_DETECT_WIDTH = 480  # the outline is looked for on a small copy: ~3 ms


@dataclass(frozen=True)
class Rectified:
    """The label cut out of a frame: ``image`` (gray), ``matrix`` frame → image, whether found."""

    image: np.ndarray
    matrix: np.ndarray
    found: bool

    def rotated(self, quarter_turns: int) -> Rectified:
        """The same label turned clockwise by ``quarter_turns`` × 90°."""
        turns = quarter_turns % 4
        if turns == 0:
            return self
        h, w = self.image.shape[:2]
        image = np.ascontiguousarray(np.rot90(self.image, -turns))
        # where a pixel (x, y) of the old image lands in the turned one
        turn = {1: [[0, -1, h - 1], [1, 0, 0], [0, 0, 1]],
                2: [[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]],
                3: [[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]]}[turns]
        return Rectified(image, np.asarray(turn, dtype=np.float64) @ self.matrix, self.found)


def to_gray(image: np.ndarray) -> np.ndarray:
    """An 8-bit grayscale copy of a BGR, BGRA or gray array."""
    array = np.asarray(image)
    if array.dtype != np.uint8:
        array = np.clip(array, 0, 255).astype(np.uint8)
    if array.ndim == 2:
        return array
    if array.ndim == 3 and array.shape[2] == 1:
        return np.ascontiguousarray(array[:, :, 0])
    if array.ndim == 3 and array.shape[2] == 3:
        return cv2.cvtColor(array, cv2.COLOR_BGR2GRAY)
    if array.ndim == 3 and array.shape[2] == 4:
        return cv2.cvtColor(array, cv2.COLOR_BGRA2GRAY)
    raise ValueError(f"not an image: array of shape {array.shape}")


def _paper_mask(image: np.ndarray) -> np.ndarray:
    """Pixels that look like label paper: bright for the frame, and grey rather than brown."""
    if image.ndim == 3 and image.shape[2] >= 3:
        hsv = cv2.cvtColor(np.ascontiguousarray(image[:, :, :3]), cv2.COLOR_BGR2HSV)
        value, saturation = hsv[:, :, 2], hsv[:, :, 1]
        _, bright = cv2.threshold(value, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        grey = (saturation < 70).astype(np.uint8) * 255
        mask = cv2.bitwise_and(bright, grey)
    else:
        _, mask = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # close the text and barcodes printed on the paper, open away specks of glare
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel, iterations=2)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))


def _order(points: np.ndarray) -> np.ndarray:
    """Four corners as top-left, top-right, bottom-right, bottom-left (image coordinates)."""
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    ordered = points[np.argsort(angles)]  # clockwise from the left (y grows downwards)
    start = int(np.argmin(ordered.sum(axis=1)))
    return np.roll(ordered, -start, axis=0).astype(np.float32)


def find_label(image: np.ndarray) -> np.ndarray | None:
    """The label's four corners in ``image`` (BGR or gray), or None when no outline stands out.

    None also when the "label" would be nearly the whole frame (the camera sees only the
    label, or only a white box): the frame is then the label.
    """
    h, w = image.shape[:2]
    scale = _DETECT_WIDTH / w if w > _DETECT_WIDTH else 1.0
    small = cv2.resize(image, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    mask = _paper_mask(small)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    frame_area = small.shape[0] * small.shape[1]
    if area < 0.08 * frame_area or area > 0.97 * frame_area:
        return None
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for epsilon in (0.02, 0.03, 0.045, 0.06):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            quad = approx.reshape(4, 2).astype(np.float32)
            break
    if quad is None or cv2.contourArea(quad) < 0.85 * cv2.contourArea(hull):
        quad = cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)  # bent paper: its bounding box
    return _order(quad / scale)


def rectify(image: np.ndarray, corners: np.ndarray | None) -> Rectified:
    """The gray label warped upright-ish to 812×1218 (portrait); the whole frame if no corners."""
    gray = to_gray(image)
    if corners is None:
        h, w = gray.shape
        matrix = np.eye(3)
        out = gray
        if w > h:  # a landscape frame of a portrait label: turn it, which way is decided later
            return Rectified(np.ascontiguousarray(out), matrix, False).rotated(1)
        return Rectified(np.ascontiguousarray(out), matrix, False)
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    if width > height:  # label lies on its side: start the outline at the next corner
        corners = np.roll(corners, -1, axis=0)
    # the label's printed resolution whatever the camera's: Tesseract reads ~30-pixel type best,
    # and the layout rules (blank rows, barcode positions) then work in one scale
    size = (LABEL_SHORT, LABEL_LONG)
    target = np.array([[0, 0], [size[0] - 1, 0], [size[0] - 1, size[1] - 1], [0, size[1] - 1]],
                      dtype=np.float32)
    warp = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    warped = cv2.warpPerspective(gray, warp, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return Rectified(warped, warp.astype(np.float64), True)


def map_box(box: Box, matrix: np.ndarray) -> Box:
    """A box's bounding box after the perspective ``matrix``."""
    x, y, w, h = box
    points = np.array([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]], dtype=np.float64)
    mapped = cv2.perspectiveTransform(points, matrix)[0]
    left, top = mapped.min(axis=0)
    right, bottom = mapped.max(axis=0)
    return round(left), round(top), round(right - left), round(bottom - top)


def blank(gray: np.ndarray, boxes: Iterable[Box], pad: int = 8) -> np.ndarray:
    """A copy with the boxes painted white (barcodes are read already; OCR only trips on them)."""
    out = gray.copy()
    h, w = out.shape[:2]
    for x, y, bw, bh in boxes:
        x1, y1 = max(0, x - pad), max(0, y - pad)
        x2, y2 = min(w, x + bw + pad), min(h, y + bh + pad)
        if x2 > x1 and y2 > y1:
            out[y1:y2, x1:x2] = 255
    return out


def even_out(gray: np.ndarray) -> np.ndarray:
    """Flatten uneven light (glare, shadows, dim rooms) and stretch the contrast, for OCR.

    Dividing by a heavily blurred copy removes light that varies slowly across the label and
    keeps the text, which varies fast; a light median filter takes out sensor noise first.
    """
    denoised = cv2.medianBlur(gray, 3)
    h, w = denoised.shape
    small = cv2.resize(denoised, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(cv2.dilate(small, np.ones((3, 3), np.uint8)), (0, 0), 4)
    background = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(denoised, np.maximum(background, 1), scale=255)
    counts = np.cumsum(np.bincount(flat.ravel(), minlength=256))
    low = int(np.searchsorted(counts, 0.01 * counts[-1]))
    high = int(np.searchsorted(counts, 0.995 * counts[-1]))
    if high - low < 20:
        return flat
    table = np.clip((np.arange(256, dtype=np.float32) - low) * (255.0 / (high - low)), 0, 255)
    return cv2.LUT(flat, table.astype(np.uint8))


def split_rows(gray: np.ndarray, parts: int = 2, overlap: int = 0) -> list[tuple[int, np.ndarray]]:
    """Cut the label into ``parts`` horizontal strips at blank rows near the even cuts.

    Returns ``(top, strip)`` pairs. The cut is placed in the emptiest row within ±12 % of the
    even position, so that a text line is not sliced in two.
    """
    h = gray.shape[0]
    if parts <= 1 or h < 100:
        return [(0, gray)]
    ink = (gray < 128).sum(axis=1).astype(np.float32)
    ink = np.convolve(ink, np.ones(5, np.float32) / 5, mode="same")
    cuts = [0]
    for i in range(1, parts):
        centre = h * i // parts
        window = max(8, h * 12 // 100)
        low, high = max(cuts[-1] + 20, centre - window), min(h - 20, centre + window)
        cuts.append(low + int(np.argmin(ink[low:high])) if high > low else centre)
    cuts.append(h)
    return [(max(0, a - overlap), gray[max(0, a - overlap):b]) for a, b in itertools.pairwise(cuts)]


def find_bullseyes(gray: np.ndarray, min_radius: int = 8, max_radius: int = 60) -> list[tuple[float, float, float]]:
    """Centres and outer radii of MaxiCode bullseyes (three dark concentric rings).

    zxing-cpp reads a MaxiCode only when it fills the image; this finds where one is so that
    a square around it can be cut out and decoded. A bullseye is a dark ring containing a dark
    ring containing a dark disc, all about one centre.
    """
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    found: list[tuple[float, float, float]] = []
    tree = hierarchy[0]
    for i, contour in enumerate(contours):
        (cx, cy), radius = cv2.minEnclosingCircle(contour)
        if not min_radius <= radius <= max_radius or tree[i][2] < 0:
            continue
        area = cv2.contourArea(contour)
        if area < 0.6 * np.pi * radius * radius:  # not round
            continue
        depth, node, centres = 0, tree[i][2], []
        while node >= 0 and depth < 6:
            (nx, ny), nr = cv2.minEnclosingCircle(contours[node])
            if abs(nx - cx) > radius * 0.2 or abs(ny - cy) > radius * 0.2:
                break
            centres.append(nr)
            depth += 1
            node = tree[node][2]
        if depth >= 4 and not any(abs(cx - fx) < r and abs(cy - fy) < r for fx, fy, r in found):
            found.append((float(cx), float(cy), float(radius)))
    return found


def crop(gray: np.ndarray, box: Box, pad_to: int = 0) -> np.ndarray:
    """The box cut out (clipped to the image), on a white margin of ``pad_to`` pixels."""
    x, y, w, h = box
    H, W = gray.shape[:2]
    x1, y1, x2, y2 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    piece = gray[y1:y2, x1:x2]
    if pad_to:
        piece = cv2.copyMakeBorder(piece, pad_to, pad_to, pad_to, pad_to, cv2.BORDER_CONSTANT, value=255)
    return np.ascontiguousarray(piece)

