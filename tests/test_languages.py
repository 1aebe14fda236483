"""The language list is the languages fan works are written in, with this archive's most used first."""

import pytest
from django.urls import reverse
from factories import make_work

from quire.works.languages import language_code
from quire.works.models import Work

pytestmark = pytest.mark.django_db


def test_the_list_has_writers_languages_not_locales(writer_client):
    page = writer_client.get(reverse("works:new")).content.decode()
    assert "Algerian Arabic" not in page and "Nicaraguan Spanish" not in page
    assert '<option value="es">Spanish (Español)</option>' in page
    assert '<option value="tlh">Klingon (tlhIngan Hol)</option>' in page


def test_the_archives_most_used_languages_come_first(writer_client, writer):
    for _ in range(2):
        Work.objects.filter(pk=make_work(writer).pk).update(language="es")
    make_work(writer)
    page = writer_client.get(reverse("works:new")).content.decode()
    most_used = page[page.index('<optgroup label="Most used here">') :]
    most_used = most_used[: most_used.index("</optgroup>")]
    assert most_used.index('value="es"') < most_used.index('value="en"')
    search = writer_client.get(reverse("discovery:works")).content.decode()
    assert '<optgroup label="Most used here">' in search and "Any language" in search


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("es_MX", "es"), ("PT-BR", "pt-br"), ("zh-TW", "zh-hant"), ("xx", None)],
)
def test_an_epubs_language_tag_is_read_as_its_language(tag, code):
    assert language_code(tag) == code
