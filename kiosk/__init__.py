"""Packroom core: domain, services, persistence, configuration and the event log.

Nothing in this package imports Qt, ``ui`` or ``hardware`` (import-linter enforces it),
so the whole core runs and is tested headless.
"""

__version__ = "0.1.0"
