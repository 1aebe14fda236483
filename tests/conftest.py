import pytest
from factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _quiet_storage(settings, tmp_path):
    # Mail goes to memory and files to a scratch folder, whatever the environment says.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    # Rate-limit counters live in the cache; each test starts with none. Tests post guest forms at once,
    # so the minimum fill time is off unless a test (tests/test_safety.py) turns it on.
    from django.core.cache import cache

    cache.clear()
    settings.GUEST_FORM_MIN_SECONDS = 0


@pytest.fixture
def writer(db):
    return UserFactory(username="writer")


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def password():
    return PASSWORD
