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
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG"}}
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


def _what_users_see(port: int) -> None:
    """`make run`'s users get SIKHI's pages, not Django's debug ones: its 404 page in the layout and in
    Indonesian, the stylesheet (served with DEBUG off), a 405 turned into a redirect, and the bell once signed in
    with a demo login that `make seed` made (on the local settings, without --force)."""
    import re

    import requests

    base = f"http://127.0.0.1:{port}"
    missing = requests.get(f"{base}/tidak-ada/", timeout=10)
    assert missing.status_code == 404
    assert "Halaman tidak ditemukan" in missing.text and 'href="/static/css/sikhi.css' in missing.text
    assert "Using the URLconf" not in missing.text and "technical_404" not in missing.text
    assert requests.get(f"{base}/static/css/sikhi.css", timeout=10).status_code == 200
    session = requests.Session()
    page = session.get(f"{base}/masuk/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    signed_in = session.post(f"{base}/masuk/", timeout=10, headers={"Referer": f"{base}/masuk/"},
                             data={"csrfmiddlewaretoken": token.group(1), "username": "pekerja",
                                   "password": "Demo-SIKHI-2026"})
    assert signed_in.url.rstrip("/").endswith("/beranda"), signed_in.url
    assert 'id="bell"' in signed_in.text and 'href="/notifikasi/"' in signed_in.text
    assert session.get(f"{base}/notifikasi/", timeout=10).status_code == 200


def test_serve_runs_web_and_worker_and_ctrl_c_stops_both(tmp_path):
    env = _env(tmp_path)
    for command in (["migrate", "--noinput"], ["seed_demo"]):  # what `make run` does first (make seed)
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,  # noqa: S603
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
        _what_users_see(port)
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
