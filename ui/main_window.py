"""The kiosk window: a stack of screens, switched by the view-models' state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ui.i18n import LanguageManager
from ui.screens.my_parcels import MyParcelsScreen
from ui.screens.welcome import WelcomeScreen
from ui.viewmodels.pickup import PickupViewModel


class MainWindow(QMainWindow):
    def __init__(self, pickup: PickupViewModel, languages: LanguageManager, property_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Packroom")
        self.setAccessibleName("Packroom")
        self._stack = QStackedWidget(self)
        self.welcome = WelcomeScreen(pickup, languages, property_name, self._stack)
        self.my_parcels = MyParcelsScreen(pickup, self._stack)
        self._stack.addWidget(self.welcome)
        self._stack.addWidget(self.my_parcels)
        self.setCentralWidget(self._stack)
        pickup.state_changed.connect(self._update_screen)

    @property
    def current_screen(self) -> QWidget:
        return self._stack.currentWidget()

    def _update_screen(self, state: str) -> None:
        self._stack.setCurrentWidget(self.my_parcels if state == "parcels" else self.welcome)

    def lock_down(self) -> None:
        """Kiosk mode: full screen, no window chrome, stays on top."""
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.showFullScreen()
