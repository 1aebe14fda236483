"""'Is it worth continuing?': this work's reader signals against comparable works, in plain words, with
every number shown. No score without its evidence."""

import statistics
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Sum

from quire.access.reading import published_works
from quire.feedback.models import Bookmark, Kudos, MorePlease, Review
from quire.follows.models import Subscription
from quire.follows.selectors import subscribers_of
from quire.insights.models import ChapterDay, WorkDay
from quire.tags.enums import TagType
from quire.tags.models import WorkFilter
from quire.works.models import Work

MIN_READERS = 10  # below this, any verdict would be noise
MIN_COMPARABLES = 8
PER_100 = 100
SIMILAR_AGE = timedelta(days=365)


@dataclass
class Signal:
    label: str
    value: float | None
    baseline: float | None
    sentence: str

    @property
    def above(self) -> bool | None:
        if self.value is None or self.baseline is None:
            return None
        return self.value >= self.baseline


@dataclass
class Summary:
    verdict: str
    basis: str
    signals: list[Signal] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


def _rates(work_ids: list[int]) -> dict[int, dict[str, float]]:
    """Per work: readers, read-through and feedback per 100 readers."""
    readers = dict(
        WorkDay.objects.filter(work_id__in=work_ids).values_list("work_id").annotate(n=Sum("readers"))
    )
    through = {
        w: (f, r)
        for w, f, r in ChapterDay.objects.filter(work_id__in=work_ids)
        .values_list("work_id")
        .annotate(f=Sum("finishers"), r=Sum("readers"))
    }
    kudos = dict(Kudos.objects.filter(work_id__in=work_ids).values_list("work_id").annotate(n=Count("pk")))
    reviews = dict(
        Review.objects.filter(work_id__in=work_ids, status=Review.Status.PUBLISHED)
        .values_list("work_id")
        .annotate(n=Count("pk"))
    )
    subscribers = dict(
        Subscription.objects.filter(work_id__in=work_ids).values_list("work_id").annotate(n=Count("pk"))
    )
    rates = {}
    for work_id in work_ids:
        count = readers.get(work_id) or 0
        finished, chapter_readers = through.get(work_id, (0, 0))
        rates[work_id] = {
            "readers": count,
            "read_through": (finished / chapter_readers * 100) if chapter_readers else None,
            "kudos": kudos.get(work_id, 0) * PER_100 / count if count else None,
            "reviews": reviews.get(work_id, 0) * PER_100 / count if count else None,
            "subscribers": subscribers.get(work_id, 0) * PER_100 / count if count else None,
        }
    return rates


def comparable_works(work: Work) -> tuple[list[int], str]:
    """Works like this one: same fandom where there are enough, else the whole archive; similar age and length."""
    posted = work.posted_at or work.revised_at
    similar = (
        published_works()
        .exclude(pk=work.pk)
        .filter(word_count__gte=work.word_count // 3, word_count__lte=max(work.word_count * 3, 1000))
        .filter(posted_at__gte=posted - SIMILAR_AGE, posted_at__lte=posted + SIMILAR_AGE)
    )
    fandom_ids = [t.pk for t in work.fandoms]
    if fandom_ids:
        in_fandom = similar.filter(pk__in=WorkFilter.objects.filter(tag_id__in=fandom_ids).values("work_id"))
        ids = list(in_fandom.values_list("pk", flat=True)[:2000])
        if len(ids) >= MIN_COMPARABLES:
            names = ", ".join(t.name for t in work.fandoms if t.type == TagType.FANDOM)
            return ids, f"{len(ids)} other works in {names} of similar length and age"
    ids = list(similar.values_list("pk", flat=True)[:2000])
    if len(ids) >= MIN_COMPARABLES:
        return ids, f"{len(ids)} works across the archive of similar length and age"
    ids = list(published_works().exclude(pk=work.pk).values_list("pk", flat=True)[:2000])
    if not ids:
        return ids, "no other works: this archive has none to compare with yet"
    return ids, f"all {len(ids)} other works in the archive (too few similar ones yet)"


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(work: Work) -> Summary:
    mine = _rates([work.pk])[work.pk]
    comparables, basis = comparable_works(work)
    others = _rates(comparables)
    active = [rates for rates in others.values() if rates["readers"] >= MIN_READERS]
    asked = MorePlease.objects.filter(work=work, for_chapter=work.chapter_count + 1).count()
    waiting = subscribers_of(work).count()
    bookmarks = Bookmark.objects.filter(work=work).count()
    facts = [
        f"{asked} reader{'s' if asked != 1 else ''} asked for chapter {work.chapter_count + 1}.",
        f"{waiting} subscriber{'s are' if waiting != 1 else ' is'} waiting for the next chapter.",
        f"{bookmarks} reader{'s' if bookmarks != 1 else ''} bookmarked it.",
    ]
    signals = []
    for key, label, unit in (
        ("read_through", "Read-through", "% of readers reached the end of a chapter"),
        ("kudos", "Kudos", " kudos per 100 readers"),
        ("reviews", "Reviews", " reviews per 100 readers"),
        ("subscribers", "Subscriptions", " subscriptions per 100 readers"),
    ):
        value, baseline = mine[key], _median(r[key] for r in active)
        if value is None:
            sentence = f"{label}: no readers yet to measure it."
        elif baseline is None:
            sentence = f"{label}: {value:.0f}{unit}; comparable works have too few readers to compare."
        else:
            sentence = f"{label}: {value:.0f}{unit} (comparable works: median {baseline:.0f})."
        signals.append(Signal(label, value, baseline, sentence))

    readers = mine["readers"]
    compared = [s for s in signals if s.above is not None]
    above = sum(1 for s in compared if s.above)
    if readers < MIN_READERS:
        verdict = (
            f"Too early to tell: {readers} reader{'s' if readers != 1 else ''} so far, and a fair comparison needs "
            f"{MIN_READERS}. The requests and subscriptions below are already real people waiting."
        )
    elif not compared:
        verdict = f"{readers} readers so far, but there are not enough comparable works with readers to judge against yet."
    elif above * 2 > len(compared) or asked >= 3:
        verdict = (
            f"Yes: readers are engaged. {above} of {len(compared)} signals are at or above comparable works"
        )
        verdict += f", and {asked} readers asked for more." if asked else "."
    else:
        verdict = (
            f"Readers are quieter than on comparable works: {above} of {len(compared)} signals are at or above the median. "
            "That is common for a story still finding its readers; the evidence is below."
        )
    return Summary(verdict=verdict, basis=f"Compared with {basis}.", signals=signals, facts=facts)
