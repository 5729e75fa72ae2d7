"""The read-only manager viewer for review bundles (``packroom review FILE``)."""
