"""A signature pad: the resident signs with a finger (touch) or the mouse; the strokes become a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTouchEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#101820")
PAPER = QColor("white")
MIN_POINTS = 3  # fewer points than this is a tap, not a signature


class SignaturePad(QWidget):
    """Draws strokes as they are made; ``signed`` after each finished stroke, ``cleared`` on clear()."""

    signed = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Signature pad")
        self.setAccessibleDescription("Sign here with a finger")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(420, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self._hint = self.tr("Sign here")

    # ------------------------------------------------------------------ state

    def is_empty(self) -> bool:
        return sum(len(stroke) for stroke in self._strokes) < MIN_POINTS

    @property
    def stroke_count(self) -> int:
        return len(self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.update()
        self.cleared.emit()

    def to_image(self, width: int = 600, height: int = 240) -> QImage:
        """The signature in black on white, scaled to fit ``width`` × ``height`` (aspect kept)."""
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(PAPER)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min(width / max(self.width(), 1), height / max(self.height(), 1))
        painter.scale(scale, scale)
        self._paint_strokes(painter, 3.0 / max(scale, 0.01))  # 3 px on the image
        painter.end()
        return image

    def to_png(self) -> bytes:
        """The signature as PNG bytes (what the desk service stores)."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.to_image().save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    # ------------------------------------------------------------------ input

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([point])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._drawing and self._strokes:
            self._strokes[-1].append(point)
            self.update()

    def _end(self, point: QPointF | None = None) -> None:
        if not self._drawing:
            return
        if point is not None:
            self._extend(point)
        self._drawing = False
        self.signed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel) and isinstance(event, QTouchEvent):
            points = event.points()
            if points:
                point = points[0].position()  # one finger signs; a palm's extra points are ignored
                if kind == QEvent.Type.TouchBegin:
                    self._begin(point)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(point)
                else:
                    self._end(point)
            event.accept()
            return True
        return super().event(event)

    # ------------------------------------------------------------------ drawing

    def _paint_strokes(self, painter: QPainter, width: float) -> None:
        pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), PAPER)
        painter.setPen(QPen(QColor("#9aa7b0"), 2, Qt.PenStyle.DashLine))
        baseline = self.height() - 40
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        if not self._strokes:
            painter.setPen(QColor("#9aa7b0"))
            font = painter.font()
            font.setPointSize(18)
            painter.setFont(font)
            painter.drawText(QRectF(24, baseline - 48, self.width() - 48, 40),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "✍ " + self._hint)
        self._paint_strokes(painter, 3.0)
        painter.end()
