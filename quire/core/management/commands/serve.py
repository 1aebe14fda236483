import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# A worker that exits (a bug, a database away too long) is started again while the web processes go on:
# after 1 s, then 2, 4, ... up to 60 s while it keeps exiting; once it has run a minute the wait is 1 s again.
RESTART_FIRST = 1.0
RESTART_MOST = 60.0
HEALTHY_AFTER = 60.0
POLL = 1.0


class Supervised:
    """A process kept running: started again, after a growing wait, whenever it exits."""

    def __init__(self, command: list[str], say):
        self.command, self.say = command, say
        self.delay = RESTART_FIRST
        self.restart_at: float | None = None
        self._start()

    def _start(self) -> None:
        self.process = subprocess.Popen(self.command)
        self.started, self.restart_at = time.monotonic(), None

    def check(self) -> None:
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                self._start()
            return
        code = self.process.poll()
        if code is None:
            return
        if now - self.started >= HEALTHY_AFTER:
            self.delay = RESTART_FIRST
        self.say(f"The worker stopped (exit code {code}); starting it again in {self.delay:g} s.")
        self.restart_at = now + self.delay
        self.delay = min(self.delay * 2, RESTART_MOST)


class Command(BaseCommand):
    help = "Serve the archive with gunicorn (and WhiteNoise for static files); --with-worker runs the task worker too."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=settings.PORT, help="Port (default: PORT, else 8000)")
        parser.add_argument(
            "--workers", type=int, default=settings.WEB_CONCURRENCY, help="Web processes (WEB_CONCURRENCY)"
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="Also run the background worker, restarted if it exits; Ctrl-C stops both",
        )

    def handle(self, *args, host, port, workers, with_worker, **options):
        if not (settings.SECRET_KEY_FROM_ENV or settings.DEMO_MODE or settings.DEBUG):
            raise CommandError(
                "Refusing to start without SECRET_KEY. Set SECRET_KEY (see .env.example), "
                "or QUIRE_DEMO=1 to run the embedded demo archive."
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        # The web processes and the worker import settings afresh: tell them where readers reach them, for
        # the links of work done away from a request (quire/core/site.py). SITE_URL, when set, wins.
        os.environ["QUIRE_SERVED_AT"] = served_at(host, port)
        web = [
            sys.executable, "-m", "gunicorn", "quire.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--access-logfile", "-",
            "--forwarded-allow-ips", "127.0.0.1",
            "--config", "python:quire.core.gunicorn_config",  # limits sized to what the API and forms accept
        ]  # fmt: skip
        web_process = subprocess.Popen(web)
        worker = (
            Supervised([sys.executable, "-m", "quire", "worker"], self.stderr.write) if with_worker else None
        )
        self.stdout.write(f"Quire is serving on http://{host}:{port}/ (Ctrl-C to stop)")
        self._wait(web_process, worker)

    def _wait(self, web, worker: Supervised | None):
        def processes():
            return [web] + ([worker.process] if worker else [])

        def stop(*_):
            for process in processes():
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            supervise(web, worker)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


def served_at(host: str, port: int) -> str:
    """A wildcard address is not one a reader can type: this machine's own loopback stands in for it."""
    if host in {"0.0.0.0", "::", ""}:
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def supervise(web, worker: Supervised | None) -> None:
    """Until the web server exits; the worker is restarted whenever it exits."""
    while web.poll() is None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            web.wait(timeout=POLL)
        if worker is not None and web.poll() is None:
            worker.check()
