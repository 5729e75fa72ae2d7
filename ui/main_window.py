"""The kiosk window: the resident screens, and staff mode once someone signs in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ui.i18n import LanguageManager
from ui.screens.my_parcels import MyParcelsScreen
from ui.screens.welcome import WelcomeScreen
from ui.viewmodels.pickup import PickupViewModel
from ui.viewmodels.staff_session import StaffSessionViewModel


class MainWindow(QMainWindow):
    def __init__(self, pickup: PickupViewModel, languages: LanguageManager, property_name: str,
                 staff_session: StaffSessionViewModel | None = None, staff_shell: QWidget | None = None,
                 locker_screen: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Packroom")
        self.setAccessibleName("Packroom")
        self._stack = QStackedWidget(self)
        self.welcome = WelcomeScreen(pickup, languages, property_name, self._stack)
        self.my_parcels = MyParcelsScreen(pickup, self._stack)
        self.staff_shell = staff_shell
        self.locker_screen = locker_screen
        self._stack.addWidget(self.welcome)  # the first page: where the kiosk starts
        self._stack.addWidget(self.my_parcels)
        if locker_screen is not None:
            self._stack.addWidget(locker_screen)
        if staff_shell is not None:
            self._stack.addWidget(staff_shell)
        self.setCentralWidget(self._stack)
        pickup.state_changed.connect(self._update_screen)
        if staff_session is not None and staff_shell is not None:
            staff_session.signed_in.connect(lambda _s: self._stack.setCurrentWidget(staff_shell))
            staff_session.signed_out.connect(lambda _r: self._stack.setCurrentWidget(self.welcome))

    @property
    def current_screen(self) -> QWidget:
        return self._stack.currentWidget()

    def add_resident_screen(self, screen: QWidget) -> None:
        """A further resident-side screen (tracking lookup, carrier drop-off, preferences…); its owner
        shows it with :meth:`show_screen` and returns with :meth:`show_welcome` (idle does too)."""
        self._stack.addWidget(screen)

    def show_screen(self, screen: QWidget) -> None:
        self._stack.setCurrentWidget(screen)

    def show_welcome(self) -> None:
        """Back to the first screen (idle reset, or a resident screen that is finished)."""
        if self.staff_shell is not None and self.current_screen is self.staff_shell:
            return
        self._stack.setCurrentWidget(self.welcome)

    def _update_screen(self, state: str) -> None:
        if self.staff_shell is not None and self.current_screen is self.staff_shell:
            return
        if state == "lockers" and self.locker_screen is not None:
            self._stack.setCurrentWidget(self.locker_screen)
            return
        self._stack.setCurrentWidget(self.my_parcels if state == "parcels" else self.welcome)

    def lock_down(self) -> None:
        """Kiosk mode: full screen, no window chrome, stays on top."""
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.showFullScreen()
