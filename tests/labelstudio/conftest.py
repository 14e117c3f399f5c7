"""A real Label Studio 1.23.2 server for the tests: one per session, on 127.0.0.1, SQLite in a temp dir.

The data directory is a copy of a template initialised once per session (``label-studio init``
migrates a fresh database in ~25 s; a copy starts in ~3 s). Two annotators exist, each with a
legacy API token. Nothing reaches the internet: version checks, Sentry and analytics are off.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LS_VENV = ROOT / ".venvs" / "labelstudio"
LS_BIN = LS_VENV / "bin" / "label-studio"
LS_VERSION = "1.23.2"
STARTED = re.compile(r"Starting development server at http://127\.0\.0\.1:(\d+)/")


@dataclass(frozen=True)
class User:
    """A Label Studio account of the test server."""

    email: str
    password: str
    token: str


@dataclass(frozen=True)
class Server:
    """A running Label Studio server: its URL and accounts."""

    url: str
    users: tuple[User, ...]
    data_dir: Path
    log: Path


USERS = (
    User("annotator1@caveat.test", "caveat-pass-one", "caveat-test-token-one"),
    User("annotator2@caveat.test", "caveat-pass-two", "caveat-test-token-two"),
)


def _env(data_dir: Path, home: Path, user: User | None = None) -> dict[str, str]:
    """The server's environment: our data dir and home, no calls home, legacy tokens on, sign-up off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    env.update(
        LABEL_STUDIO_BASE_DATA_DIR=str(data_dir), HOME=str(home), LATEST_VERSION_CHECK="false", SENTRY_DSN="",
        FRONTEND_SENTRY_DSN="", COLLECT_ANALYTICS="false", LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN="true",
        LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="true", PYTHONUNBUFFERED="1",
    )
    if user is not None:
        env.update(LABEL_STUDIO_USERNAME=user.email, LABEL_STUDIO_PASSWORD=user.password, LABEL_STUDIO_USER_TOKEN=user.token)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def ls_template(tmp_path_factory) -> Path:
    """A data directory initialised once per session (migrated database, both annotators)."""
    if not LS_BIN.exists():
        pytest.fail(f"no Label Studio server at {LS_BIN}: run `bash scripts/setup.sh --test` "
                    "(or deselect these tests with -m 'not labelstudio')")
    version = subprocess.run([str(LS_VENV / "bin" / "python"), "-c", "import label_studio; print(label_studio.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == LS_VERSION, f"{LS_VENV} holds Label Studio {version}, these tests pin {LS_VERSION}"
    base = tmp_path_factory.mktemp("ls-template")
    data, home = base / "data", base / "home"
    data.mkdir()
    home.mkdir()
    for user in USERS:
        done = subprocess.run([str(LS_BIN), "init", "-q", "--no-browser"], env=_env(data, home, user),
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"label-studio init failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return data


@pytest.fixture(scope="session")
def ls_server(ls_template, tmp_path_factory) -> Server:
    """One Label Studio server for the session, from a copy of the template; stopped with SIGTERM."""
    base = tmp_path_factory.mktemp("ls-server")
    data, home, log = base / "data", base / "home", base / "server.log"
    shutil.copytree(ls_template, data)
    home.mkdir()
    port = _free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(LS_BIN), "start", "--no-browser", "--internal-host", "127.0.0.1", "-p", str(port)],
                                env=_env(data, home), stdout=out, stderr=subprocess.STDOUT)
    try:
        url = _wait_until_up(proc, log, timeout=180)
        yield Server(url, USERS, data, log)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_until_up(proc: subprocess.Popen, log: Path, timeout: float) -> str:
    """The server's URL once it answers /health; the port is read from its log (a busy port silently moves on)."""
    deadline = time.monotonic() + timeout
    url = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"Label Studio exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        if url is None:
            m = STARTED.search(log.read_text(errors="replace"))
            if m:
                url = f"http://127.0.0.1:{m.group(1)}"
        if url is not None:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
                    if resp.status == 200:
                        return url
            except OSError:
                pass
        time.sleep(0.25)
    proc.kill()
    pytest.fail(f"Label Studio did not come up within {timeout} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def ls_conn(ls_server):
    """An SDK connection as the first annotator."""
    from caveat.labelstudio import sync

    return sync.connect(ls_server.url, ls_server.users[0].token)
