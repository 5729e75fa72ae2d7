"""Entry point of the bundled application: the same ``packroom`` command the wheel installs.

PyInstaller freezes this script (see ``installer/packroom.spec``); everything else is the
ordinary ``ui.app.main``, so ``dist/packroom/packroom run --fullscreen`` and
``packroom run --fullscreen`` from a virtual environment behave the same.
"""

import multiprocessing
import sys

from ui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless on Linux; needed if a library spawns on Windows
    sys.exit(main())
