"""Shared by the durability drills: a throwaway archive (SQLite file or scratch PostgreSQL database), a
real `quire serve` (gunicorn) on a free port, logged-in HTTP clients, and checks read from the database."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "drill-password-long"
PG_ADMIN_URL = os.environ.get("DRILL_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Archive:
    """A scratch archive: its data folder, its database, and the environment every process shares."""

    def __init__(self, database: str, name: str, production: bool = False):
        self.database = database
        self.folder = Path(tempfile.mkdtemp(prefix=f"quire-{name}-"))
        if database == "sqlite":
            self.url = f"sqlite:///{self.folder / 'quire.sqlite3'}"
        else:
            self.pg_name = f"quire_drill_{name}_{os.getpid()}"
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}"', f'CREATE DATABASE "{self.pg_name}"')
            self.url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{self.pg_name}"
        self.env = {
            **os.environ,
            "QUIRE_DATA_DIR": str(self.folder),
            "DATABASE_URL": self.url,
            "QUIRE_DEMO": "1",
            "SECRET_KEY": "drill-secret-key-" + "x" * 40,
            "RATE_LIMITS_ENABLED": "0",  # the drills measure durability, not the limits
            "GUEST_FORM_MIN_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("REDIS_URL", None)
        if production:
            # As an operator runs it (SECRET_KEY set, no demo), rate limits on, but plain HTTP on 127.0.0.1.
            for name in ("QUIRE_DEMO", "RATE_LIMITS_ENABLED", "DEBUG"):
                self.env.pop(name, None)
            self.env.update({"HTTPS": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"})
        self.quire(["migrate", "--noinput", "-v", "0"])

    def _pg_admin(self, *statements):
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def quire(self, args, **kwargs):
        return subprocess.run(
            [sys.executable, "-m", "quire", *args], env=self.env, check=True, cwd=ROOT, **kwargs
        )

    def python(self, code: str) -> str:
        """Run Django code against this archive in a fresh process; returns what it prints."""
        script = "import django; django.setup()\n" + code
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "quire.settings"}
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"Django code on the archive failed:\n{result.stderr[-4000:]}")
        return result.stdout

    def seed(self, writers: int) -> None:
        self.python(f"""
from quire.accounts.services import create_user
from quire.works import services
for n in range({writers}):
    user = create_user(username=f"drill{{n}}", email=f"drill{{n}}@example.org", password="{PASSWORD}")
    services.create_work(
        author=user,
        work=services.WorkFields(title=f"Drill work {{n}}", rating="general", fandoms=["Drills"], warnings=["none_apply"], text_format="plain"),
        chapter=services.ChapterFields(body="The first chapter.", text_format="plain"),
        post=True,
    )
""")

    def drop(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.database == "postgres":
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


class Server:
    """`quire serve` in its own process group, so SIGKILL reaches gunicorn's master and every worker."""

    def __init__(
        self, archive: Archive, workers: int = 2, port: int | None = None, with_worker: bool = False
    ):
        self.archive, self.workers, self.port = archive, workers, port or free_port()
        self.with_worker = with_worker
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, timeout: float = 60) -> float:
        started = time.monotonic()
        self.log = open(self.archive.folder / "server.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quire",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                *(["--with-worker"] if self.with_worker else []),
            ],
            env=self.archive.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while time.monotonic() - started < timeout:
            try:
                if requests.get(self.base + "/account/login", timeout=2).status_code == 200:
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"The server exited; see {self.archive.folder / 'server.log'}")
            time.sleep(0.1)
        raise RuntimeError("The server did not start in time")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
        self.log.close()


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Client:
    """One writer in a browser: logged in, posting forms with the CSRF token as a browser would."""

    def __init__(self, base: str, username: str):
        self.base, self.session = base, requests.Session()
        page = self.session.get(base + "/account/login", timeout=30).text
        response = self.session.post(
            base + "/account/login",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _CSRF.search(page).group(1)},
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login failed for {username}: {response.status_code}")

    def post(self, path: str, data: dict, timeout: float = 30) -> requests.Response:
        data = {**data, "csrfmiddlewaretoken": self.session.cookies["csrftoken"]}
        return self.session.post(
            self.base + path,
            data,
            allow_redirects=False,
            timeout=timeout,
            headers={"Referer": self.base + path},
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0
