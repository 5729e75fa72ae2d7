"""Device drivers and their simulators.

Every device class (scanner, camera, label printer, door controller) has one
interface, several real drivers and a simulator, chosen by a URL-like string
from the configuration. This package never imports Qt or ``ui``: drivers run
their own threads and report through plain callbacks, which the UI layer
adapts to Qt signals.
"""
