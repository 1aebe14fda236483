"""Posting a chapter to a work with 10,000 subscribers: how long the writer waits, and how long until the
worker has stored the last notification.

    python bench/fanout.py            # SQLite + database queue, then PostgreSQL + RQ on Redis
    python bench/fanout.py sqlite     # one of them

The request goes through Django's full stack in-process; the worker is a separate `quire` process, as in
production. Subscribers here take the daily digest, so the figure is the fan-out itself, not 10,000 SMTP
conversations.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "10000"))
CONFIGS = {
    "sqlite": {"DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'bench' / 'fanout.sqlite3'}", "REDIS_URL": ""},
    "postgresql+rq": {
        "DATABASE_URL": os.environ.get(
            "BENCH_PG_FANOUT_URL", "postgres://postgres@127.0.0.1:5432/quire_bench_fanout"
        ),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
    },
}


def prepare():
    from quire.accounts.models import EmailFrequency, Pseud, User
    from quire.accounts.services import create_user
    from quire.follows.models import Notification, Subscription
    from quire.works import services
    from quire.works.models import Work

    Notification.objects.all().delete()
    author = User.objects.filter(username="fanout_author").first() or create_user(
        username="fanout_author", email="author@example.org", password="bench-password-123"
    )
    work = Work.objects.filter(author=author).first()
    if work is None:
        work = services.create_work(
            author=author,
            work=services.WorkFields(
                title="Popular", rating="general", fandoms=["Bench"], warnings=["none_apply"]
            ),
            chapter=services.ChapterFields(body="Chapter one."),
            post=True,
        )
    have = Subscription.objects.filter(work=work).count()
    if have < SUBSCRIBERS:
        users = User.objects.bulk_create(
            [
                User(
                    username=f"fan{n}", email=f"fan{n}@example.org", email_notifications=EmailFrequency.DAILY
                )
                for n in range(have, SUBSCRIBERS)
            ],
            batch_size=2000,
        )
        Pseud.objects.bulk_create(
            [Pseud(user=u, name=u.username, is_default=True) for u in users], batch_size=2000
        )
        Subscription.objects.bulk_create([Subscription(user=u, work=work) for u in users], batch_size=2000)
    return author, work


def clear_queue():
    from django.conf import settings

    if settings.REDIS_URL:
        import django_rq

        django_rq.get_queue("default").empty()
    else:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()


def run(label: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from quire.follows.models import Notification

    call_command("migrate", verbosity=0)
    author, work = prepare()
    clear_queue()
    client = Client()
    client.force_login(author)
    url = f"/works/{work.pk}/chapters/new"
    started = time.perf_counter()
    response = client.post(
        url, {"title": "Next", "body": "The story continues.", "text_format": "plain", "action": "post"}
    )
    request_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    chapter_id = int(response["Location"].rsplit("/", 1)[1])
    worker_args = [sys.executable, "-m", "quire"] + (
        ["rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job"]
        if label != "sqlite"
        else ["db_worker", "--batch", "--no-startup-delay"]
    )
    started = time.perf_counter()
    worker = subprocess.Popen(
        worker_args, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    stored = 0
    while time.perf_counter() - started < 600:
        stored = Notification.objects.filter(key=f"chapter:{chapter_id}").count()
        if stored >= SUBSCRIBERS:
            break
        time.sleep(0.05)
    delivered_s = time.perf_counter() - started
    worker.wait(timeout=600)
    print(
        f"{label:>14}: posting request {request_ms:7.1f} ms; {stored:,} notifications stored {delivered_s:6.2f} s after the request (worker start included)"
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        run(sys.argv[2])
        return
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    print(f"Fan-out of one new chapter to {SUBSCRIBERS:,} subscribers")
    for label in sys.argv[1:] or list(CONFIGS):
        env = {
            **os.environ,
            **CONFIGS[label],
            "DJANGO_SETTINGS_MODULE": "quire.settings",
            "ALLOWED_HOSTS": "testserver",
        }
        env.pop("SECRET_KEY", None)
        if label != "sqlite":
            from pages import ensure_postgres_database

            ensure_postgres_database(CONFIGS[label]["DATABASE_URL"])
        subprocess.run([sys.executable, __file__, "--child", label], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
