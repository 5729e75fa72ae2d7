"""A simple map of the package room: the walls, each mapped shelf as a labelled box, the resident's
shelves in a strong colour, and "You are here" at the door in the middle of the front wall.

Painted with QPainter from a :class:`kiosk.services.room_map.RoomMap` (plain data). Its colours
are Qt properties, so the style sheets set them (``RoomMap { qproperty-highlightColor: ... }``) and
the high-contrast mode restyles the map with the rest of the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.services.room_map import RoomMap as RoomMapData


def _color_property(attr: str) -> Property:
    def get(self: RoomMap) -> QColor:
        return QColor(getattr(self, attr))

    def put(self: RoomMap, value: QColor) -> None:
        setattr(self, attr, QColor(value))
        self.update()

    return Property(QColor, get, put)


class RoomMap(QWidget):
    """The drawing itself; :class:`RoomMapPanel` adds the caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Room map")
        self.setMinimumSize(280, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._map: RoomMapData | None = None
        self._wall = QColor("#0b3d5c")
        self._shelf = QColor("#e3e8ec")
        self._shelf_text = QColor("#3b4c5a")
        self._highlight = QColor("#c2410c")
        self._highlight_text = QColor("#ffffff")
        self._door = QColor("#1b7f3b")
        self.here_text = "You are here"

    wallColor = _color_property("_wall")
    shelfColor = _color_property("_shelf")
    shelfTextColor = _color_property("_shelf_text")
    highlightColor = _color_property("_highlight")
    highlightTextColor = _color_property("_highlight_text")
    doorColor = _color_property("_door")

    @property
    def room(self) -> RoomMapData | None:
        return self._map

    @property
    def highlighted_codes(self) -> tuple[str, ...]:
        """The codes of the shelves drawn in the strong colour (the resident's own)."""
        return self._map.yours if self._map is not None else ()

    def set_map(self, room: RoomMapData | None) -> None:
        self._map = room
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 360)

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self._map
        if room is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.font()
        text_px = base.pixelSize() if base.pixelSize() > 0 else 22
        area = QRectF(self.contentsRect()).adjusted(8, 8, -8, -8)
        marker = text_px * 2.6  # the band under the room for "You are here"
        cell = max(8.0, min(area.width() / room.columns, (area.height() - marker) / room.rows))
        width, height = cell * room.columns, cell * room.rows
        left = area.left() + (area.width() - width) / 2
        top = area.top() + (area.height() - marker - height) / 2
        walls = QRectF(left, top, width, height)

        # The walls, with the door left open in the middle of the front wall.
        wall = QPen(self._wall, max(3.0, cell * 0.06))
        wall.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(wall)
        door_half = min(cell * 0.6, width * 0.25)
        middle = walls.center().x()
        painter.drawLine(walls.topLeft(), walls.topRight())
        painter.drawLine(walls.topLeft(), walls.bottomLeft())
        painter.drawLine(walls.topRight(), walls.bottomRight())
        painter.drawLine(walls.bottomLeft(), QPointF(middle - door_half, walls.bottom()))
        painter.drawLine(QPointF(middle + door_half, walls.bottom()), walls.bottomRight())

        label = QFont(base)
        label.setBold(True)
        label.setPixelSize(max(10, min(int(cell * 0.34), int(text_px * 1.3))))
        for shelf in room.shelves:
            box = QRectF(left + shelf.x * cell, top + shelf.y * cell, cell, cell).adjusted(
                cell * 0.1, cell * 0.1, -cell * 0.1, -cell * 0.1)
            if shelf.yours:
                painter.setPen(QPen(self._wall, max(3.0, cell * 0.06)))
                painter.setBrush(self._highlight)
            else:
                painter.setPen(QPen(self._shelf_text, 1.5))
                painter.setBrush(self._shelf)
            painter.drawRoundedRect(box, cell * 0.08, cell * 0.08)
            painter.setPen(self._highlight_text if shelf.yours else self._shelf_text)
            fitted = QFont(label)  # a long code ("OVERSIZE") in smaller type, to stay inside its box
            text = shelf.name if len(shelf.name) <= max(len(shelf.code), 8) else shelf.code  # "Fridge"
            wide = QFontMetricsF(fitted).horizontalAdvance(text)
            if wide > box.width() * 0.9:
                fitted.setPixelSize(max(8, int(label.pixelSize() * box.width() * 0.9 / wide)))
            painter.setFont(fitted)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

        # "You are here": an arrow into the room at the door, and the words under it.
        tip_y = walls.bottom() + text_px * 0.2
        arrow = QPolygonF([QPointF(middle, tip_y), QPointF(middle - text_px * 0.6, tip_y + text_px * 0.9),
                           QPointF(middle + text_px * 0.6, tip_y + text_px * 0.9)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._door)
        painter.drawPolygon(arrow)
        here = QFont(base)
        here.setBold(True)
        here.setPixelSize(text_px)
        painter.setFont(here)
        painter.setPen(self._door)
        painter.drawText(QRectF(area.left(), tip_y + text_px, area.width(), text_px * 1.5),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.here_text)
        painter.end()


class RoomMapPanel(QWidget):
    """The map with its caption; hidden while there is no map to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Room map panel")
        self._caption = QLabel("", self)
        self._caption.setObjectName("Subtitle")
        self._caption.setWordWrap(True)
        self._caption.setAccessibleName("Room map caption")
        self.map = RoomMap(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._caption)
        layout.addWidget(self.map, 1)
        self.setVisible(False)
        self._retranslate()

    def set_map(self, room: RoomMapData | None) -> None:
        self.map.set_map(room)
        self._describe()
        self.setVisible(room is not None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.map.here_text = self.tr("You are here")
        self._describe()
        self.map.update()

    def _describe(self) -> None:
        yours = self.map.highlighted_codes
        self._caption.setText(self.tr("Your parcels are on the highlighted shelves.") if yours
                              else self.tr("Map of the package room"))
        self.map.setAccessibleDescription(
            self.tr("Your parcels are on: {0}. The door is at the bottom of the map.").format(", ".join(yours))
            if yours else self.tr("None of your parcels are on the room's shelves."))
