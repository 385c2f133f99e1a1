"""Real servers for tests: free loopback ports, the test database as a DATABASE_URL for another process,
and a daphne process handle."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent
DAPHNE = Path(sys.executable).parent / "daphne"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url_of_test_db() -> str:
    """The database pytest-django created (its real NAME), as a DATABASE_URL for another process."""
    s = connection.settings_dict
    if s["ENGINE"] == "django.db.backends.sqlite3":
        name = str(s["NAME"])
        assert name != ":memory:" and "mode=memory" not in name, "the servers need a SQLite file, not memory"
        # The test database's own OPTIONS (IMMEDIATE transactions, a busy timeout): a bare sqlite URL loses
        # them, and two processes writing at once then fail with "database is locked".
        query = urlencode({k: v for k, v in (s.get("OPTIONS") or {}).items() if isinstance(v, str | int)})
        return "sqlite:///" + str(Path(name).resolve()) + (f"?{query}" if query else "")
    assert s["ENGINE"] == "django.db.backends.postgresql", s["ENGINE"]
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s["HOST"] or "127.0.0.1"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{quote(s['NAME'], safe='')}"


@dataclass
class Server:
    port: int
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def healthy(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            return conn.getresponse().status == 200
        except OSError:
            return False
        finally:
            conn.close()

    def stop(self, timeout: float = 5.0) -> bool:
        """SIGTERM, then SIGKILL if it has not exited in time; answers whether it exited by itself."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return False


def start_daphne(env: dict, log: Path) -> Server:
    """daphne serving sikhi.asgi on a free loopback port with `env`, its output in `log` (not yet waited for)."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own server with fixed arguments
            [str(DAPHNE), "-b", "127.0.0.1", "-p", str(port), "sikhi.asgi:application"],
            cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(port=port, proc=proc, log=log)
