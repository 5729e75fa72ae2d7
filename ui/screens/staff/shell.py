"""Staff mode: navigation on the left, the chosen screen, who is signed in, and sign-out.

Each screen sits in a scroll area, so a long form still fits the kiosk's 1280×800 display; the
navigation shows only the screens the signed-in role may use (``required_role`` on the screen).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import Role
from kiosk.services.staff import StaffSession
from ui.viewmodels.staff_session import StaffSessionViewModel


class StaffShell(QWidget):
    def __init__(self, session_vm: StaffSessionViewModel, screens: list[tuple[str, QWidget]],
                 health_bar: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Staff mode")
        self._session_vm = session_vm
        self._who = QLabel("", self)
        self._who.setObjectName("Subtitle")
        self._who.setAccessibleName("Signed in as")
        self._who.setWordWrap(True)
        self._who.setMaximumWidth(200)
        self._stack = QStackedWidget(self)
        self._screens: list[tuple[str, QWidget, QScrollArea]] = []
        # The screen buttons scroll when there are more than fit (who and sign-out always show).
        nav_panel = QWidget(self)
        buttons = QVBoxLayout(nav_panel)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.nav_buttons: dict[str, QPushButton] = {}
        for title, screen in screens:
            button = QPushButton(self.tr(title), nav_panel)
            button.setObjectName("Nav")
            button.setAccessibleName(title)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=screen: self.show_screen(s))
            frame = QScrollArea(self._stack)
            frame.setWidget(screen)
            frame.setWidgetResizable(True)
            frame.setFrameShape(QFrame.Shape.NoFrame)
            frame.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._stack.addWidget(frame)
            self._screens.append((title, screen, frame))
            self.nav_buttons[title] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        nav_scroll = QScrollArea(self)
        nav_scroll.setWidget(nav_panel)
        nav_scroll.setWidgetResizable(True)
        nav_scroll.setFrameShape(QFrame.Shape.NoFrame)
        nav_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        nav_scroll.setMinimumWidth(nav_panel.sizeHint().width() + nav_scroll.verticalScrollBar().sizeHint().width())
        nav = QVBoxLayout()
        nav.addWidget(self._who)
        nav.addWidget(nav_scroll, 1)
        sign_out = QPushButton(self.tr("Sign out"), self)
        sign_out.setObjectName("Secondary")
        sign_out.setAccessibleName("Sign out")
        sign_out.clicked.connect(lambda: session_vm.sign_out("signed out"))
        nav.addWidget(sign_out)

        body = QHBoxLayout()
        body.addLayout(nav)
        body.addWidget(self._stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        if health_bar is not None:
            layout.addWidget(health_bar)
        layout.addLayout(body, 1)
        session_vm.signed_in.connect(self._update_session)
        if screens:
            self.show_screen(screens[0][1])

    @property
    def current(self) -> QWidget:
        """The screen on show (not its scroll area)."""
        frame = self._stack.currentWidget()
        return next(screen for _, screen, f in self._screens if f is frame)

    def show_screen(self, screen: QWidget) -> None:
        for title, candidate, frame in self._screens:
            selected = candidate is screen
            if selected:
                self._stack.setCurrentWidget(frame)
            self.nav_buttons[title].setChecked(selected)

    def _update_session(self, session: StaffSession) -> None:
        """Show only the screens this person's role may use; start on the first of them."""
        self._who.setText(f"{session.name} · {session.role.value}")
        first: QWidget | None = None
        for title, screen, _frame in self._screens:
            allowed = session.can(getattr(screen, "required_role", Role.STAFF))
            self.nav_buttons[title].setVisible(allowed)
            if allowed and first is None:
                first = screen
        if first is not None:
            self.show_screen(first)
