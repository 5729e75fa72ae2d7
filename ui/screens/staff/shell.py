"""Staff mode: navigation on the left, the chosen screen, who is signed in, and sign-out."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

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
        self._stack = QStackedWidget(self)
        nav = QVBoxLayout()
        nav.addWidget(self._who)
        self.nav_buttons: dict[str, QPushButton] = {}
        for title, screen in screens:
            button = QPushButton(title, self)
            button.setObjectName("Nav")
            button.setAccessibleName(title)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=screen: self.show_screen(s))
            self._stack.addWidget(screen)
            self.nav_buttons[title] = button
            nav.addWidget(button)
        nav.addStretch(1)
        sign_out = QPushButton(self.tr("Sign out"), self)
        sign_out.setObjectName("Secondary")
        sign_out.setAccessibleName("Sign out")
        sign_out.clicked.connect(lambda: session_vm.sign_out("signed out"))
        nav.addWidget(sign_out)

        self._who.setWordWrap(True)
        self._who.setMaximumWidth(200)
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
        return self._stack.currentWidget()

    def show_screen(self, screen: QWidget) -> None:
        self._stack.setCurrentWidget(screen)
        for button in self.nav_buttons.values():
            button.setChecked(False)
        for title, button in self.nav_buttons.items():
            if self._stack.widget(list(self.nav_buttons).index(title)) is screen:
                button.setChecked(True)

    def _update_session(self, session: StaffSession) -> None:
        self._who.setText(f"{session.name} · {session.role.value}")
