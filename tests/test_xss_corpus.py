"""Every vector of the XSS corpus comes out of the sanitizer inert, in every text format, and the forms that
refuse markup do not echo it back raw. The browser half is tests/browser/test_xss.py."""

import html

import pytest
from django.urls import reverse
from xss_corpus import FIELDS, MUST_STAY_TEXT, VECTORS, unsafe_parts

from quire.core.text import TextFormat, html_to_text, render
from quire.tags.models import Tag


def test_the_corpus_is_large_distinct_and_every_field_is_registered():
    assert len(VECTORS) >= 300
    assert len(set(VECTORS)) == len(VECTORS)
    assert {field.name for field in FIELDS} >= {"work title", "chapter text", "review", "bookmark note"}


@pytest.mark.parametrize("text_format", list(TextFormat))
@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_every_vector_is_made_inert_in_every_format(vector, text_format):
    assert unsafe_parts(render(vector, text_format)) == []


@pytest.mark.parametrize("text_format", list(TextFormat))
def test_the_whole_corpus_in_one_text_is_made_inert(text_format):
    assert unsafe_parts(render("\n\n".join(VECTORS), text_format)) == []


@pytest.mark.parametrize("text", MUST_STAY_TEXT)
def test_template_and_encoded_lookalikes_stay_text_in_plain_text(text):
    assert text in html_to_text(render(text, TextFormat.PLAIN))


def test_the_checker_finds_what_would_run():
    # The corpus tests are only as good as this checker, so it must catch each kind of danger.
    assert unsafe_parts('<img src=x onerror="alert(1)">') == ["img[onerror]"]
    assert unsafe_parts('<a href="&#x6A;avascript:alert(1)">x</a>')
    assert unsafe_parts('<a href=" java\tscript:alert(1)">x</a>')
    assert unsafe_parts('<div data-hx-get="/account/logout">x</div>')
    assert unsafe_parts("<svg><animate onbegin=alert(1)>") == ["svg", "animate", "animate[onbegin]"]
    assert unsafe_parts('<p style="x">y</p>') == ["p[style]"]
    assert unsafe_parts('<script src="/static/quire/app.js"></script>', allowed_scripts=("/static/",)) == []


@pytest.mark.django_db
def test_signup_refuses_hostile_usernames_without_echoing_them(client):
    hostile = [v for v in VECTORS if "<" in v and len(v) <= 40][:60]
    for vector in hostile:
        response = client.post(
            reverse("accounts:signup"),
            {"username": vector, "email": "x@example.org", "password1": "x" * 20, "password2": "x" * 20},
        )
        page = response.content.decode()
        assert "Use 3 to 40 letters, digits or underscores" in page, vector
        assert vector not in page, vector  # only ever shown escaped, in the box to correct it
        assert html.escape(vector) in page, vector


@pytest.mark.django_db
def test_tag_boxes_refuse_markup_without_echoing_it(writer_client):
    from test_posting import new_work_data

    refused = [v for v in VECTORS if "<" in v and "," not in v and len(v) <= 150][:80]
    for vector in refused:
        response = writer_client.post(reverse("works:new"), new_work_data(additional_tags=vector))
        page = response.content.decode()
        assert "contains a character tags cannot have" in page, vector
        assert vector not in page, vector
    assert not Tag.objects.filter(name__contains="<").exists()
