"""One cold start, as ``packroom run`` does it: build the kiosk through the composition root
(``ui.app.build_application``: settings → database with migrations → services → view-models →
window), show the resident screen, and exit after its first paint.

    python bench/coldstart.py DATABASE_URL DATA_DIR

Prints one JSON line: seconds from process start to the first paint of the welcome screen, the
process's resident memory (RSS) at that moment, and RSS again SETTLE_S later, once the devices
opened after the first paint (the camera, with OpenCV) are running. The caller times the whole
process too.
Scheduled jobs are not started (``KioskApplication.start``): at start-up they would run a
catch-up backup of the whole database on their own thread, which is not the start-up path.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

_STARTED = float(os.environ.get("PACKROOM_BENCH_T0", time.time()))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.sysinfo import rss_mb  # noqa: E402
from kiosk.config import Settings  # noqa: E402
from ui.app import build_application  # noqa: E402

SETTLE_S = 3.0


class _FirstPaint(QObject):
    def __init__(self, target: QObject) -> None:
        super().__init__()
        self.target = target
        self.result: dict[str, float] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() == QEvent.Type.Paint and self.result is None:
            self.result = {"first_paint_s": time.time() - _STARTED, "rss_mb": rss_mb()}
            QTimer.singleShot(int(SETTLE_S * 1000), self._settled)
        return False

    def _settled(self) -> None:
        if self.result is not None:
            self.result["rss_settled_mb"] = rss_mb()
        QApplication.quit()


def main(url: str, data_dir: str) -> int:
    app = QApplication(sys.argv[:1])
    settings = Settings({"database.url": url, "paths.data_dir": data_dir, "paths.log_dir": data_dir,
                         "property.name": "Bench Towers"})
    built = time.time()
    kiosk = build_application(settings, kiosk_id="bench-start", demo=False)
    built = time.time() - built
    watcher = _FirstPaint(kiosk.window.welcome)
    kiosk.window.welcome.installEventFilter(watcher)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    QTimer.singleShot(20_000, QApplication.quit)  # never hang the benchmark
    app.exec()
    if watcher.result is None:
        print(json.dumps({"error": "the welcome screen was never painted"}), flush=True)
        return 1
    print(json.dumps({**watcher.result, "build_application_s": built}), flush=True)
    kiosk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
