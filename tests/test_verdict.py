""" "Is it worth continuing?" (issue #18): the verdict comes on a new archive, on a growing one and on a big
one; readers asking in reviews count like the button; and it says "yes" or "quieter" only when the evidence
clears the baseline."""

import copy
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from factories import UserFactory, make_work

from quire.feedback import services as feedback
from quire.insights.aggregation import aggregate
from quire.insights.continuation import BUILT_IN, summarize, wilson
from quire.insights.models import ChapterReader, ReadEvent, WorkReader
from quire.insights.recording import reader_key
from quire.tags.models import WorkFilter
from quire.works.models import Chapter, Work

pytestmark = pytest.mark.django_db

WORDS = 1000


@pytest.fixture(autouse=True)
def fresh_baselines():
    cache.clear()  # baselines are cached for a few minutes; each test builds its own archive


def comparable_archive(count: int, *, first_week=20, first_week_kudos=2, later=0, later_kudos=0):
    """`count` works in the same fandom, a month old, each with readers in its first week (half of whose
    chapter reads reached the end) and, if asked, more readers later."""
    if not count:
        return
    model = make_work(title="Model", words_per_chapter=WORDS, age_days=30)
    chapter = model.chapters.get()
    works = []
    for _ in range(count - 1):
        clone = copy.copy(model)
        clone.pk, clone.idempotency_key = None, None
        works.append(clone)
    Work.objects.bulk_create(works)
    works.append(model)
    chapters = []
    for work in works[:-1]:
        clone = copy.copy(chapter)
        clone.pk, clone.work_id, clone.idempotency_key = None, work.pk, None
        chapters.append(clone)
    Chapter.objects.bulk_create(chapters)
    chapters.append(chapter)
    fandom = WorkFilter.objects.filter(work=model)
    WorkFilter.objects.bulk_create(
        [WorkFilter(work=w, tag_id=f.tag_id, tag_type=f.tag_type) for w in works[:-1] for f in fandom]
    )
    readers, reads = [], []
    for work, chapter in zip(works, chapters, strict=True):
        for n in range(first_week + later):
            early = n < first_week
            key = f"reader-{n}"
            came = n % 7 if early else 7 + n % 20
            kudos = (n < first_week_kudos) if early else (n - first_week < later_kudos)
            readers.append(
                WorkReader(work=work, reader=key, came_after=came, kudos_after=came if kudos else None)
            )
            finished = came if n % 2 == 0 else None
            reads.append(
                ChapterReader(
                    work=work, chapter=chapter, reader=key, came_after=came, finished_after=finished
                )
            )
    WorkReader.objects.bulk_create(readers, batch_size=2000)
    ChapterReader.objects.bulk_create(reads, batch_size=2000)


def my_work_in_progress(readers=40, finished=20, *, review_asks=0, button_asks=0, kudos=0):
    """A one-chapter work in progress, a week old, with `readers` guests reading it and members answering."""
    work = make_work(title="Mine", words_per_chapter=WORDS, expected_chapters=None, age_days=6)
    chapter = work.chapters.get()
    today = timezone.localdate()
    events = []
    for n in range(readers):
        key = reader_key(work.pk, guest_token=f"guest-{n}")
        events.append(ReadEvent(work_id=work.pk, chapter_id=chapter.pk, kind="view", reader=key, day=today))
        if n < finished:
            events.append(
                ReadEvent(work_id=work.pk, chapter_id=chapter.pk, kind="end", reader=key, day=today)
            )
    ReadEvent.objects.bulk_create(events)
    for n in range(review_asks):
        feedback.post_review(
            chapter=chapter,
            user=UserFactory(),
            body=["Please continue!", "Update soon!!", "more please", "I need the next chapter"][n % 4],
        )
    for _ in range(button_asks):
        feedback.ask_for_more(work=work, user=UserFactory())
    for _ in range(kudos):
        feedback.leave_kudos(work=work, user=UserFactory())
    aggregate()
    return work


def verdict_of(work):
    return summarize(work, list(work.chapters.all()))


def signal(summary, key):
    return next(s for s in summary.signals if s.key == key)


@pytest.mark.parametrize("comparables", [0, 10, 1000])
@pytest.mark.parametrize("how", ["reviews", "button", "none"])
def test_the_verdict_comes_on_new_growing_and_big_archives(comparables, how):
    comparable_archive(comparables)
    asks = {"reviews": {"review_asks": 4}, "button": {"button_asks": 4}, "none": {}}[how]
    # 40 people read it: guests, and the members who left kudos or asked (answering makes a reader).
    work = my_work_in_progress(readers=34 if asks else 38, kudos=2, **asks)
    summary = verdict_of(work)
    text = " ".join([summary.verdict, *summary.facts, summary.basis])

    assert summary.built_in is (comparables == 0)
    if comparables:
        assert (
            f"the median of {comparables} other works in Gilmore Girls of similar length in their first 7 days"
            in text
        )
    else:
        assert "built-in starting figures" in text and "(it has 0)" in text
    assert signal(summary, "asked").of == 40
    if asks:
        assert "4 readers asked for chapter 2." in summary.facts
        assert summary.verdict.startswith("Yes: with 40 readers")
        assert "asks for more" in summary.verdict  # the signal that cleared the baseline is named
    else:
        assert "0 readers asked for chapter 2." in summary.facts
        assert not summary.verdict.startswith("Yes")
    if how == "reviews":
        assert summary.quotes == ["I need the next chapter", "more please", "Update soon!!"]
    else:
        assert summary.quotes == []


def test_a_range_that_includes_the_baseline_says_neither_yes_nor_quieter():
    comparable_archive(10, first_week_kudos=2)  # usual: 10% of readers leave kudos
    work = my_work_in_progress(readers=36, kudos=4)  # 4 of 40: 10%, likely 4%-23%
    summary = verdict_of(work)
    assert signal(summary, "kudos").standing == "within"
    assert summary.verdict.startswith("In line with usual: with 40 readers")


def test_first_week_is_compared_with_first_weeks():
    # Comparable works had 20 readers in their first week, half of them leaving kudos, then 200 later
    # readers who left none: over their lifetime 5% left kudos, in their first week 50%.
    comparable_archive(10, first_week=20, first_week_kudos=10, later=200, later_kudos=0)
    work = my_work_in_progress(readers=36, kudos=4)  # 10% in its first week
    summary = verdict_of(work)
    kudos = signal(summary, "kudos")
    assert kudos.baseline == pytest.approx(0.5)
    assert kudos.standing == "below"
    assert summary.verdict.startswith("Quieter than usual: with 40 readers, kudos clearly below")


def test_too_few_readers_still_reports_asks():
    work = my_work_in_progress(readers=2, finished=1, review_asks=1)
    summary = verdict_of(work)
    assert summary.verdict == (
        "Too early to tell: 3 readers so far, and a fair comparison needs 10. "
        "But 1 of them already asked for chapter 2: that is a real answer."
    )


def test_built_in_baseline_is_used_and_shown_as_such(client):
    work = my_work_in_progress(readers=36, button_asks=4)
    client.force_login(work.author)
    html = client.get(f"/works/{work.pk}/stats").content.decode()
    assert "Usual figures: built-in baseline." in html and "published AO3 statistics" in html
    assert "likely range" in html


def test_wilson_interval_is_within_0_and_1_and_narrows_with_readers():
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(4, 40)
    assert (round(low, 3), round(high, 3)) == (0.040, 0.231)
    assert wilson(400, 4000)[1] - wilson(400, 4000)[0] < high - low
    assert wilson(40, 40)[1] == 1.0 and wilson(0, 40)[0] == 0.0
    assert set(BUILT_IN) == {"finished", "kudos", "reviewed", "followed", "asked"}


def test_a_work_a_week_old_is_not_compared_with_works_younger_than_a_week():
    comparable_archive(10)
    Work.objects.exclude(title="Mine").update(posted_at=timezone.now() - timedelta(days=2))
    work = my_work_in_progress(readers=36, button_asks=4)
    assert verdict_of(work).built_in  # none of the others has had a first week yet


def test_quotes_go_through_the_access_layer():
    from quire.moderation.models import Mute

    work = my_work_in_progress(readers=12)
    chapter = work.chapters.get()
    muted, hidden, shown = UserFactory(), UserFactory(), UserFactory()
    feedback.post_review(chapter=chapter, user=muted, body="Please continue, from someone the writer muted")
    feedback.post_review(chapter=chapter, user=hidden, body="Update soon! (a moderator hid this)")
    feedback.post_review(chapter=chapter, user=shown, body="More please!")
    Mute.objects.create(muter=work.author, muted=muted)
    work.reviews.filter(user=hidden).update(hidden_at=timezone.now())
    assert verdict_of(work).quotes == ["More please!"]
