"""PyInstaller runtime hook: let ctypes find the libraries bundled beside the application.

pyzbar asks ``ctypes.util.find_library("zbar")`` on Linux and pyusb asks for ``usb-1.0``; both
consult the system (the linker cache, or PATH on Windows), and the target PC need not have
them installed, so answer with the copies the spec put in the bundle, falling back to the
system's. Runs before any application import.
"""

import ctypes.util
import os
import sys

_LIBUSB = ("libusb-1.0.dll", "libusb-1.0.so.0", "libusb-1.0.0.dylib")
_BUNDLED = {"zbar": ("libzbar.so.0", "libzbar.0.dylib", "libzbar.dylib"), "usb-1.0": _LIBUSB, "libusb-1.0": _LIBUSB}
_system_find_library = ctypes.util.find_library


def _find_library(name):
    # libusb: prefer the system's (it matches the kernel); libzbar: always the bundled one
    found = _system_find_library(name) if name != "zbar" else None
    if found:
        return found
    base = getattr(sys, "_MEIPASS", None)
    for filename in _BUNDLED.get(name, ()):
        if base and os.path.exists(os.path.join(base, filename)):
            return os.path.join(base, filename)
    return _system_find_library(name) if name == "zbar" else None


ctypes.util.find_library = _find_library
