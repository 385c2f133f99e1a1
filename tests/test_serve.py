"""`make run` serves the pages and sweeps the deadlines (scripts/serve), and Ctrl-C stops both processes."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="sikhi.settings.local", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               SIKHI_PRIVATE_MEDIA_ROOT=str(tmp_path / "private"), PYTHONUNBUFFERED="1")
    return env


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _healthy(port: int) -> bool:
    import http.client

    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    except OSError:
        return False


def test_serve_runs_web_and_worker_and_ctrl_c_stops_both(tmp_path):
    env = _env(tmp_path)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603
            [str(ROOT / "scripts" / "serve"), sys.executable, str(VENV_BIN / "daphne"), "127.0.0.1", str(port),
             "--interval", "1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _wait_for(lambda: _healthy(port), 60), log.read_text()
        assert _wait_for(lambda: log.read_text().count("deadline sweep:") >= 2, 30), log.read_text()
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground group
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    text = log.read_text()
    assert "worker: stopped" in text
    assert not _healthy(port)
    ps = subprocess.run([shutil.which("ps") or "/bin/ps", "-o", "pid=", "-g", str(proc.pid)],  # noqa: S603
                        capture_output=True, text=True)
    assert ps.stdout.strip() == "", f"left running: {ps.stdout}"
