"""Residents: rent-roll import (presets, validation, move-outs) and the staff directory search.

``importer.import_residents`` brings a property-management export into the database
all-or-nothing; ``directory.ResidentDirectory`` answers the staff screens' per-keystroke
searches from an in-memory index. Both hand back plain frozen dataclasses, never ORM objects.
"""
