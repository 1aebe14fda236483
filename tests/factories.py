"""Factories for Quire's objects, built through the same services the site uses."""

from datetime import timedelta

import factory
from django.utils import timezone

from quire.accounts.models import User
from quire.accounts.services import create_user
from quire.core.text import TextFormat
from quire.series import services as series_services
from quire.works import services
from quire.works.enums import Rating, Warning
from quire.works.models import Work

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"writer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_user(password=kwargs.pop("password", PASSWORD), **kwargs)


def make_work(
    author=None,
    *,
    title="A Work",
    chapters=1,
    posted=True,
    restricted=False,
    rating=Rating.GENERAL,
    fandoms=("Gilmore Girls",),
    relationships=(),
    characters=(),
    tags=(),
    words_per_chapter=10,
    expected_chapters=None,
    summary="A summary.",
    notes="",
    end_notes="",
    age_days=0,
) -> Work:
    author = author or UserFactory()
    now = timezone.now() - timedelta(days=age_days)
    body = " ".join(["word"] * words_per_chapter)
    work = services.create_work(
        author=author,
        work=services.WorkFields(
            title=title,
            rating=rating,
            warnings=[Warning.NONE_APPLY],
            fandoms=list(fandoms),
            relationships=list(relationships),
            characters=list(characters),
            additional_tags=list(tags),
            restricted=restricted,
            expected_chapters=expected_chapters,
            summary=summary,
            notes=notes,
            end_notes=end_notes,
            text_format=TextFormat.PLAIN,
        ),
        chapter=services.ChapterFields(
            title="One", body=f"Chapter one. {body}", text_format=TextFormat.PLAIN
        ),
        post=posted,
        now=now,
    )
    for number in range(2, chapters + 1):
        services.add_chapter(
            work=work,
            user=work.author,
            fields=services.ChapterFields(
                title=f"Part {number}", body=f"Chapter {number}. {body}", text_format=TextFormat.PLAIN
            ),
            post=posted,
            now=now,
        )
    work.refresh_from_db()
    return work


def make_series(title, *works):
    """A series of these works, in this order, made by the first one's writer."""
    series = series_services.create_series(
        creator=works[0].author, fields=series_services.SeriesFields(title=title)
    )
    for work in works:
        series_services.add_work(series=series, work=work, user=work.author)
    return series
