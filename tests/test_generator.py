"""The synthetic archive generator: what it writes in bulk matches what the services would have made."""

from collections import Counter, defaultdict

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import F
from django.http import QueryDict

from quire.access.reading import works_for
from quire.access.surfaces import Surface
from quire.accounts.models import Pseud, User
from quire.core.text import render
from quire.discovery import generator
from quire.discovery.forms import WorkFilterForm
from quire.discovery.indexing import index_works
from quire.discovery.listing import find_works
from quire.discovery.models import SearchDocument
from quire.tags.enums import TagType
from quire.tags.filters import rebuild_work_filters
from quire.tags.models import Tag, TagParent, WorkFilter
from quire.tags.urlnames import to_url
from quire.works.models import Chapter, Work

WORKS = 60
SEED = 3


@pytest.fixture
def archive(db):
    # Small batches, so the works come from several transactions that must line up.
    assert generator.generate_archive(works=WORKS, seed=SEED, batch_size=25, log=lambda line: None) == WORKS
    return list(Work.objects.order_by("pk"))


def _documents() -> dict:
    rows = SearchDocument.objects.values_list(
        "work_id", "author_id", "restricted", "revised_at", "title", "tags", "people", "summary", "body"
    )
    documents = {
        pk: (*listed, title, set(tags.split(" ; ")), people, summary, body)
        for pk, *listed, title, tags, people, summary, body in rows
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT work_id, vector::text FROM discovery_searchdocument")
            for pk, vector in cursor.fetchall():
                documents[pk] += (vector,)
    return documents


def test_filters_crossovers_and_search_documents_are_what_the_services_would_write(archive):
    ids = [work.pk for work in archive]
    filters = set(WorkFilter.objects.values_list("work_id", "tag_id", "tag_type"))
    crossovers = dict(Work.objects.values_list("pk", "is_crossover"))
    filed_under = dict(Work.objects.values_list("pk", "filed_under"))
    assert {work_id for work_id, *_ in filters} == set(ids)
    assert all(any(key < 0 for key in keys) for keys in filed_under.values())  # every work has a warning

    rebuild_work_filters(ids)

    assert set(WorkFilter.objects.values_list("work_id", "tag_id", "tag_type")) == filters
    assert dict(Work.objects.values_list("pk", "is_crossover")) == crossovers
    assert dict(Work.objects.values_list("pk", "filed_under")) == filed_under
    assert any(crossovers.values()) or WORKS < 50  # about one work in twenty is a crossover

    documents = _documents()
    assert set(documents) == {w.pk for w in archive if w.posted_at and not w.hidden_at}

    index_works([work.pk for work in archive])

    assert _documents() == documents


def test_totals_dates_text_authors_and_wrangling_are_coherent(archive):
    chapters = defaultdict(list)
    for chapter in Chapter.objects.order_by("work_id", "position"):
        chapters[chapter.work_id].append(chapter)
    for work in archive:
        rows = chapters[work.pk]
        posted = [c for c in rows if c.posted_at]
        assert [c.position for c in rows] == list(range(1, len(rows) + 1))
        assert 1 <= len(rows) <= 50
        assert work.chapter_count == len(posted)
        assert work.word_count == sum(c.word_count for c in posted)
        assert work.expected_chapters is None or work.expected_chapters >= len(rows)
        if work.posted_at is None:
            assert not posted and work.word_count == 0 and work.hidden_at is None
        else:
            assert posted == rows[: len(posted)]  # only a last chapter may wait unposted
            assert generator.MIN_WORDS <= work.word_count <= generator.MAX_WORDS
            assert work.posted_at == posted[0].posted_at
            assert work.revised_at == max(c.posted_at for c in posted) >= work.posted_at
            assert work.hidden_at is None or work.hidden_at >= work.revised_at
        for chapter in rows:
            assert chapter.body_html == render(chapter.body, chapter.text_format)
        assert work.summary_html == render(work.summary, work.text_format)
    assert Work.objects.filter(posted_at__isnull=False).count() > WORKS * 0.8

    users = list(User.objects.all())
    assert len(users) >= generator.AUTHORS
    defaults = dict(Pseud.objects.filter(is_default=True).values_list("user_id", "name"))
    assert all(defaults[user.pk] == user.username for user in users)
    assert Tag.objects.filter(type=TagType.FANDOM, canonical=True).count() > generator.FANDOMS
    # Every canonical fandom sits under a medium; synonyms point at canonical tags of their own type.
    fandoms = set(Tag.objects.filter(type=TagType.FANDOM, canonical=True).values_list("pk", flat=True))
    in_media = set(TagParent.objects.filter(parent__type=TagType.MEDIA).values_list("child_id", flat=True))
    assert fandoms == in_media
    for synonym in Tag.objects.filter(merger__isnull=False).select_related("merger")[:500]:
        assert synonym.merger.canonical and synonym.merger.type == synonym.type and not synonym.canonical
    assert TagParent.objects.filter(child__type=TagType.ADDITIONAL, parent__type=TagType.ADDITIONAL).exists()
    assert TagParent.objects.filter(child__type=TagType.FANDOM, parent__type=TagType.FANDOM).exists()
    assert WorkFilter.objects.filter(tag__merger__isnull=False).count() == 0  # filed under canonical tags
    assert not WorkFilter.objects.exclude(tag_type=F("tag__type")).exists()


def test_same_seed_same_archive_and_rerunning_adds_nothing(archive):
    assert generator.generate_archive(works=WORKS, seed=SEED, log=lambda line: None) == 0
    assert Work.objects.count() == WORKS
    universe = generator.build_universe(SEED)
    resolved = generator.ensure_universe(universe)  # creates nothing: everything is there already
    ids = [work.pk for work in archive]
    batch = generator.generate_batch(
        universe, resolved, SEED, range(WORKS), ids, generator._timestamp_converter()
    )
    assert [row[3] for row in batch.works] == [work.title for work in archive]
    assert sorted(batch.filters) == sorted(WorkFilter.objects.values_list("work_id", "tag_id", "tag_type"))


def test_a_fandom_listing_finds_its_works(archive, client):
    counts = Counter(
        WorkFilter.objects.filter(
            tag__type=TagType.FANDOM, work__in=works_for(AnonymousUser(), Surface.LISTING)
        ).values_list("tag__name", flat=True)
    )
    fandom, expected = counts.most_common(1)[0]
    form = WorkFilterForm(QueryDict(f"tag={fandom}"))
    listing = find_works(user=AnonymousUser(), params=form.usable_data())
    assert listing.total == expected > 0
    assert len(listing.page.object_list) == min(expected, 20)

    response = client.get(f"/tags/{to_url(fandom)}/works")
    assert response.status_code == 200
    assert response.context["listing"].total == expected


def test_each_generated_work_credits_its_writer_as_posting_would(archive):
    from quire.creators.models import Creatorship

    credits = set(
        Creatorship.objects.filter(accepted_at__isnull=False).values_list("work_id", "user_id", "pseud_id")
    )
    assert credits == {(work.pk, work.author_id, work.pseud_id) for work in archive}
