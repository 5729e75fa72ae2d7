"""Process memory and machine facts for the benchmarks; standard library only (imported by
the cold-start probe, which must not import anything the kiosk itself would not)."""

from __future__ import annotations

import os
import platform
import sqlite3


def rss_mb() -> float:
    """This process's resident set size now, in MB (Linux /proc; else the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e6 if platform.system() == "Darwin" else peak / 1e3


def machine() -> dict[str, str]:
    """What the figures were measured on, for the results file."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info = {"cpu": cpu, "cores": str(os.cpu_count()), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "os": f"{platform.system()} {platform.release()}"}
    if hasattr(os, "getloadavg"):
        info["load"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return info
