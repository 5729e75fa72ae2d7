"""Qt views and view-models. Views get view-models; view-models call services and get plain data.

Nothing here imports SQLAlchemy (import-linter enforces it); the composition root in
:mod:`ui.app` wires the core services, the device drivers and the screens.
"""
