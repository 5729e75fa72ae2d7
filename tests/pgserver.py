"""A private PostgreSQL server for the test suite: initdb in a temporary directory, a free
port on 127.0.0.1, stopped at the end. Uses Debian's server binaries, which ``test.sh``
installs; as root it runs the server as the ``postgres`` system user (initdb refuses root)."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg


def _bin_dir() -> Path:
    override = os.environ.get("PACKROOM_PG_BIN")
    if override:
        return Path(override)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("pg_ctl")
    if which:
        return Path(which).parent
    raise RuntimeError("PostgreSQL server binaries not found: run ./test.sh, which installs them "
                       "(Debian package 'postgresql'), or set PACKROOM_PG_BIN")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    def __init__(self) -> None:
        # Not under pytest's tmp dir: that one is private to root, and the server runs as postgres.
        self.base = Path(tempfile.mkdtemp(prefix="packroom-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.bin = _bin_dir()
        self._counter = itertools.count(1)
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args[:1])} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(self) -> None:
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.base, user.pw_uid, user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "packroom", "--auth=trust", "-E", "UTF8",
                  "--locale=C")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.base} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.base / "server.log"),
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)

    def restart(self) -> None:
        """Stop and start the server (tests of reconnecting after a database restart).

        The log file again: without it the new server would write to, and so hold open, the pipe
        this call reads pg_ctl's output from, and the call would never return."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-l", str(self.base / "server.log"), "-w",
                  "restart")

    @property
    def admin_dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=packroom dbname=postgres"

    def create_database(self) -> str:
        name = f"test_{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(self.admin_dsn, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://packroom@127.0.0.1:{self.port}/{name}"
