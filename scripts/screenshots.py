"""Render each kiosk screen in a real window (run under Xvfb) into docs/screenshots/.

Usage: scripts/screenshots.sh [OUT_DIR]. Builds the demo building in a temporary directory,
drives the screens through their view-models as a person would, and saves one PNG per screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from hardware.scanner.base import ScanEvent
from kiosk.config import Settings
from ui.app import build_application
from ui.screens.staff.audit import AuditScreen


def settle(app: QApplication, ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(app: QApplication, condition: Callable[[], bool], timeout_ms: int = 10000) -> None:
    waited = 0
    while not condition():
        settle(app, 50)
        waited += 50
        if waited > timeout_ms:
            raise TimeoutError("screen did not reach the expected state")


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings({"paths.data_dir": tmp, "paths.log_dir": tmp,
                             "database.url": f"sqlite:///{tmp}/demo.sqlite3"})
        kiosk = build_application(settings, demo=True, kiosk_id="screenshots")
        window = kiosk.window
        window.resize(1280, 800)
        window.show()
        shots: list[Path] = []

        def shoot(name: str) -> None:
            settle(app)
            path = out / f"{name}.png"
            window.grab().save(str(path))
            shots.append(path)

        shoot("resident-welcome-en")
        for digit in "2468":
            kiosk.pickup.press_digit(digit)
        shoot("resident-code-entry-en")
        kiosk.pickup.clear()
        for digit in "246810":
            kiosk.pickup.press_digit(digit)
        kiosk.pickup.submit()
        wait_for(app, lambda: kiosk.pickup.state == "parcels")
        shoot("resident-my-parcels-en")
        kiosk.pickup.reset()
        for digit in "999999":
            kiosk.pickup.press_digit(digit)
        kiosk.pickup.submit()
        wait_for(app, lambda: kiosk.pickup.state == "entry")
        shoot("resident-wrong-code-en")
        kiosk.pickup.reset()
        # "Is my package here?": a shipping confirmation's barcode held under the scanner.
        track_button = next(b for b in window.findChildren(QPushButton) if b.accessibleName() == "Is my package here?")
        track_button.click()
        kiosk.router.route(ScanEvent(kiosk.parcels.waiting()[0].tracking_number, "code128", "screenshots"))
        wait_for(app, lambda: any(label.accessibleName() == "Answer" and label.text().startswith("Yes")
                                  for label in window.findChildren(QLabel)))
        shoot("resident-track-en")
        window.show_welcome()
        kiosk.languages.set_language("es")
        shoot("resident-welcome-es")
        for digit in "246810":
            kiosk.pickup.press_digit(digit)
        kiosk.pickup.submit()
        wait_for(app, lambda: kiosk.pickup.state == "parcels")
        shoot("resident-my-parcels-es")
        kiosk.pickup.reset()
        kiosk.languages.set_language("en")
        # High contrast, then large text: one tap each on the welcome screen; the idle reset undoes them.
        modes = {b.accessibleName(): b for b in window.welcome.findChildren(QPushButton)}
        for mode, suffix in (("High contrast", "hc"), ("Large text", "large")):
            if mode == "Large text":
                modes["High contrast"].click()  # off again: large text on its own
            kiosk.idle.poke()  # taps from a script are no activity to the idle timer: it would reset the modes
            modes[mode].click()
            assert modes[mode].isChecked()
            shoot(f"resident-welcome-{suffix}")
            for digit in "2468":
                kiosk.pickup.press_digit(digit)
            shoot(f"resident-code-entry-{suffix}")
            kiosk.pickup.clear()
            for digit in "246810":
                kiosk.pickup.press_digit(digit)
            kiosk.pickup.submit()
            wait_for(app, lambda: kiosk.pickup.state == "parcels")
            shoot(f"resident-my-parcels-{suffix}")
            kiosk.pickup.reset()
        kiosk.idle.idle.emit()
        # James (unit 512) has a parcel in the demo locker bank: his code opens its compartment first.
        for digit in "135790":
            kiosk.pickup.press_digit(digit)
        kiosk.pickup.submit()
        lockers_vm = window.locker_screen._vm  # type: ignore[union-attr]
        wait_for(app, lambda: lockers_vm.phase == "open")
        shoot("resident-locker-pickup-en")
        kiosk.lockers.boards.get("sim:?channels=12", 0).close_door(1)  # type: ignore[attr-defined]
        lockers_vm.confirm()  # he took it and shut the door
        wait_for(app, lambda: lockers_vm.phase == "done")
        kiosk.pickup.reset()
        kiosk.idle.idle.emit()
        for digit in "1111":  # Sam Patel's staff PIN on the same keypad
            kiosk.pickup.press_digit(digit)
        kiosk.pickup.submit()
        wait_for(app, lambda: kiosk.staff_session.session is not None)
        kiosk.intake.on_scan("1Z999AA10123456784")
        kiosk.intake.search("garcia")
        shoot("staff-intake-en")
        kiosk.intake.cancel()
        shell = window.staff_shell
        assert shell is not None
        shell.nav_buttons["Parcels"].click()
        wait_for(app, lambda: bool(kiosk.parcel_list.rows))
        shoot("staff-parcels-en")
        shell.nav_buttons["Lockers"].click()
        wait_for(app, lambda: any(b.accessibleName().startswith("Lobby lockers compartment")
                                  for b in window.findChildren(QPushButton)))
        shoot("staff-lockers-en")
        # The audit lists the occupied compartments: one confirmed present, one still to check.
        shell.nav_buttons["Audit"].click()
        audit = window.findChild(AuditScreen)
        assert audit is not None
        audit.start_button.click()
        wait_for(app, lambda: audit.compartments.rowCount() > 0)
        audit.show_lockers()
        audit.select_compartment(0)
        audit.present_button.click()
        wait_for(app, lambda: "present" in audit.compartment_state(audit.compartments.row_at(0)))
        shoot("staff-audit-lockers-en")
        kiosk.close()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
    sys.stdout.flush()
    # Every file is written and the kiosk closed; skip interpreter finalization, where PySide6 6.x
    # occasionally aborts while garbage-collecting its wrappers ("bool_dealloc") after a clean run.
    os._exit(code)
