import pytest
from factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _quiet_storage(settings, tmp_path):
    # Mail goes to memory and files to a scratch folder, whatever the environment says.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"


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
