"""Rate limits and guest spam checks, as a visitor (or a bot) meets them."""

import os
import secrets
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from factories import PASSWORD, UserFactory, make_work

from quire.core.cache import SharedFileCache
from quire.core.ratelimit import parse_rate
from quire.feedback.models import Kudos, Review

pytestmark = pytest.mark.django_db


def login(client, username, password="wrong-password", address="203.0.113.5", **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


@pytest.mark.parametrize(("rate", "parsed"), [("10/15m", (10, 900)), ("5/h", (5, 3600)), ("3/30s", (3, 30))])
def test_rates_read_as_count_per_period(rate, parsed):
    assert parse_rate(rate) == parsed


def test_login_brute_force_on_one_account_is_stopped_from_any_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "3/15m"}
    victim = UserFactory(username="victim")
    for n in range(3):
        assert login(client, "victim", address=f"198.51.100.{n}").status_code == 200
    response = login(client, "Victim", password=PASSWORD, address="198.51.100.99")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 900
    assert "Slow down a little" in response.content.decode()
    assert "_auth_user_id" not in client.session  # even the right password waits
    assert victim.is_active


def test_login_from_one_address_trying_many_accounts_is_stopped(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-address": "4/15m"}
    for n in range(4):
        assert login(client, f"guess{n}").status_code == 200
    assert login(client, "someone-else").status_code == 429
    # Another address is not held up by it.
    assert login(client, "someone-else", address="203.0.113.77").status_code == 200


def test_successful_logins_do_not_count(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "2/15m"}
    UserFactory(username="regular")
    for _ in range(4):
        assert login(client, "regular", password=PASSWORD).status_code == 302
        client.logout()


def test_forwarded_for_is_believed_only_from_a_configured_proxy(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-address": "2/15m"}
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    # A client cannot dodge the limit by inventing X-Forwarded-For addresses.
    for n in range(2):
        login(client, "x", address="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert login(client, "x", address="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.50").status_code == 429
    # Behind the trusted proxy, each real client is counted on its own.
    for n in range(4):
        assert login(client, "y", address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code == 200
    assert login(client, "y", address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.3").status_code == 200
    assert login(client, "y", address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.3").status_code == 429


def test_signups_from_one_address_are_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": "2/h"}
    for n in range(2):
        client.post(reverse("accounts:signup"), {"username": f"new{n}"})
    response = client.post(reverse("accounts:signup"), {"username": "new9"})
    assert response.status_code == 429 and response.has_header("Retry-After")


def _review(client, chapter, body="Lovely!", **fields):
    data = {"body": body, "token": secrets.token_hex(8), "guest_name": "Guest", **fields}
    return client.post(reverse("feedback:review_create", args=[chapter.work_id, chapter.pk]), data)


def test_guests_and_new_accounts_review_at_stricter_rates(client, settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "reviews-guest": "1/h",
        "reviews-new-account": "2/h",
        "reviews": "4/h",
    }
    chapter = make_work().chapters.get()
    assert _review(client, chapter).status_code == 302
    assert _review(client, chapter).status_code == 429

    newcomer = UserFactory()
    client.force_login(newcomer)
    assert [_review(client, chapter).status_code for _ in range(3)] == [302, 302, 429]

    regular = UserFactory()
    regular.date_joined -= timedelta(days=settings.NEW_ACCOUNT_DAYS * 2)
    regular.save()
    client.force_login(regular)
    assert [_review(client, chapter).status_code for _ in range(5)] == [302] * 4 + [429]
    assert Review.objects.count() == 1 + 2 + 4


def test_kudos_and_searches_are_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "kudos": "2/h", "searches": "3/m"}
    works = [make_work() for _ in range(3)]
    statuses = [client.post(reverse("feedback:kudos", args=[w.pk])).status_code for w in works]
    assert statuses == [302, 302, 429] and Kudos.objects.count() == 2
    searches = [client.get(reverse("discovery:search"), {"q": "x"}).status_code for _ in range(4)]
    assert searches == [200, 200, 200, 429]


def test_limits_can_be_switched_off(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "searches": "1/m"}
    settings.RATE_LIMITS_ENABLED = False
    assert {client.get(reverse("discovery:search")).status_code for _ in range(3)} == {200}


# --- Guest review spam checks -----------------------------------------------------------------------


def _page_form_fields(client, work):
    page = client.get(work.get_absolute_url()).content.decode()
    return page


def test_guest_form_has_an_accessible_honeypot_and_a_signed_start_time(client):
    work = make_work()
    page = _page_form_fields(client, work)
    assert 'name="started"' in page
    assert '<div class="visually-hidden" aria-hidden="true">' in page
    assert 'name="website"' in page and 'tabindex="-1"' in page and 'autocomplete="off"' in page


def test_honeypot_filled_is_refused_calmly_keeping_the_text(client):
    chapter = make_work().chapters.get()
    response = _review(client, chapter, body="Buy cheap things", website="http://spam.example")
    page = response.content.decode()
    assert response.status_code == 400 and not Review.objects.exists()
    assert "could not be posted this time" in page and "Buy cheap things" in page
    assert "http://spam.example" not in page  # cleared, so a person whose browser filled it can post again


def test_too_quick_a_guest_review_is_asked_to_post_again(client, settings):
    settings.GUEST_FORM_MIN_SECONDS = 3
    chapter = make_work().chapters.get()
    stamp = signing.dumps(time.time(), salt="quire.guest-form-started")
    response = _review(client, chapter, body="My careful thoughts", started=stamp)
    page = response.content.decode()
    assert response.status_code == 400 and not Review.objects.exists()
    assert "That was quick!" in page and "My careful thoughts" in page
    earlier = signing.dumps(time.time() - 10, salt="quire.guest-form-started")
    assert _review(client, chapter, body="My careful thoughts", started=earlier).status_code == 302
    assert Review.objects.get().body == "My careful thoughts"


def test_a_person_posting_a_forged_or_missing_stamp_is_asked_to_wait_not_blocked(client, settings):
    settings.GUEST_FORM_MIN_SECONDS = 3
    chapter = make_work().chapters.get()
    response = _review(client, chapter, started="forged")
    assert response.status_code == 400 and "That was quick!" in response.content.decode()
    # The re-shown form carries a fresh, valid stamp.
    assert 'name="started" value="' in response.content.decode()


def test_link_heavy_guest_reviews_wait_for_the_writer(client, settings):
    settings.GUEST_REVIEW_MAX_LINKS = 2
    work = make_work()
    chapter = work.chapters.get()
    _review(client, chapter, body="Loved it! See https://a.example and www.b.example")
    _review(client, chapter, body="Cheap https://a.example https://b.example http://c.example/x")
    statuses = list(Review.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["published", "pending"]
    # The writer finds it with an Approve button on the work's reviews page.
    client.force_login(work.author)
    page = client.get(reverse("feedback:work_reviews", args=[work.pk])).content.decode()
    assert "Waiting for the writer&#x27;s approval." in page or "Waiting for the writer's approval." in page
    assert "Approve" in page


def test_link_heavy_reviews_from_accounts_are_published(client, settings):
    chapter = make_work().chapters.get()
    client.force_login(UserFactory())
    _review(client, chapter, body="https://a.example https://b.example https://c.example")
    assert Review.objects.get().status == "published"


@pytest.mark.parametrize(
    "variant", ["ｈａｉｌｉｎｇｆｒｅｑｕｅｎｃｉｅｓ", "HailingFrequencies", " HAILINGfrequencies "]
)
def test_login_lockout_holds_for_every_spelling_that_reaches_the_account(client, settings, variant):
    # Login compares the NFKC-normalised name ignoring case; the lockout must count the same account.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "20/15m"}
    UserFactory(username="hailingfrequencies")
    for n in range(20):
        assert login(client, "hailingfrequencies", address=f"198.51.100.{n}").status_code == 200
    response = login(client, variant, password=PASSWORD, address="198.51.100.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_lockout_counts_guesses_at_a_name_no_account_has(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-account": "3/15m"}
    for n in range(3):
        assert login(client, "nobody", address=f"198.51.100.{n}").status_code == 200
    assert login(client, "ＮＯＢＯＤＹ", address="198.51.100.99").status_code == 429


# --- Counted across processes (issue #17, finding 12) ---------------------------------------------------

COUNTING_PROCESS = """
import sys
import django
django.setup()
from django.core.cache import cache
from quire.core import ratelimit
for _ in range(int(sys.argv[1])):
    ratelimit.count("searches", "203.0.113.9")
key = ratelimit._window("searches", "203.0.113.9")[0]
print("limited" if ratelimit.is_over("searches", "203.0.113.9") else "allowed", cache.get(key))
"""


def run_archive_processes(tmp_path, counts: list[int]) -> list[str]:
    """Run one process per count at once, as `quire serve`'s web processes run, each counting that many
    searches from one address against the archive's default cache; each then says whether the address is
    limited and what the count is."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quire.settings",
        "QUIRE_DATA_DIR": str(tmp_path),
        "RATE_SEARCHES": "25/d",
        "REDIS_URL": "",
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTING_PROCESS, str(n)], env=env, stdout=subprocess.PIPE, text=True
        )
        for n in counts
    ]
    return [process.communicate(timeout=120)[0].strip() for process in processes]


def test_web_processes_share_one_count_without_redis(tmp_path):
    run_archive_processes(tmp_path, [15, 15])
    # Thirty searches were counted between them, over the limit of 25, and every count was kept (a lost
    # update would leave fewer): the next process is limited.
    assert run_archive_processes(tmp_path, [0]) == ["limited 30"]


def test_the_shared_cache_keeps_a_counters_expiry_when_counting(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    cache.add("window", 0, timeout=1)
    assert cache.incr("window") == 1 and cache.incr("window", 2) == 3
    time.sleep(1.1)
    assert cache.get("window") is None  # gone with its window, not kept for the default 300 s


def test_the_shared_cache_culls_expired_entries_before_live_ones(tmp_path):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 1}})
    for n in range(3):
        cache.set(f"old{n}", n, timeout=1)
    cache.set("kept", "live", timeout=300)
    time.sleep(1.1)
    cache.set("new", "live", timeout=300)
    assert cache.get("kept") == "live" and cache.get("new") == "live"
    assert len(list(tmp_path.glob("*.djcache"))) == 2
