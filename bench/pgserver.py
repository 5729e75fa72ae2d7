"""A private PostgreSQL server for the benchmarks, set up like a production one.

The test suite's server (:class:`tests.pgserver.PostgresServer`) turns ``fsync`` and
``synchronous_commit`` off to run fast; figures measured on that would flatter PostgreSQL
against SQLite, which commits with ``synchronous=FULL``. This one keeps PostgreSQL's durable
defaults and gives it a modest, realistic ``shared_buffers``.
"""

from __future__ import annotations

import os
import pwd

from tests.pgserver import PostgresServer


class BenchPostgres(PostgresServer):
    def start(self) -> None:
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.base, user.pw_uid, user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "packroom", "--auth=trust", "-E", "UTF8", "--locale=C")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.base} "
                   "-c shared_buffers=256MB -c max_connections=60 -c max_wal_size=4GB")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.base / "server.log"),
                  "-w", "-t", "60", "start")
