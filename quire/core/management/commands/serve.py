import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the archive with gunicorn (and WhiteNoise for static files); --with-worker runs the task worker too."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=settings.PORT, help="Port (default: PORT, else 8000)")
        parser.add_argument(
            "--workers", type=int, default=settings.WEB_CONCURRENCY, help="Web processes (WEB_CONCURRENCY)"
        )
        parser.add_argument(
            "--with-worker", action="store_true", help="Also run the background worker; Ctrl-C stops both"
        )

    def handle(self, *args, host, port, workers, with_worker, **options):
        if not (settings.SECRET_KEY_FROM_ENV or settings.DEMO_MODE or settings.DEBUG):
            raise CommandError(
                "Refusing to start without SECRET_KEY. Set SECRET_KEY (see .env.example), "
                "or QUIRE_DEMO=1 to run the embedded demo archive."
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        web = [
            sys.executable, "-m", "gunicorn", "quire.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--access-logfile", "-",
            "--forwarded-allow-ips", "127.0.0.1",
        ]  # fmt: skip
        processes = [subprocess.Popen(web)]
        if with_worker:
            processes.append(subprocess.Popen([sys.executable, "-m", "quire", "worker"]))
        self.stdout.write(f"Quire is serving on http://{host}:{port}/ (Ctrl-C to stop)")
        self._wait(processes)

    def _wait(self, processes):
        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes):
                try:
                    processes[0].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
