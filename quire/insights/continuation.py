"""'Is it worth continuing?': this work's readers against comparable works, in plain words, with every number
and its uncertainty shown. No verdict without its evidence, and none the evidence does not carry.

Every signal is a share of readers (people, not reader-days) who did something, measured over the same number
of days since posting for this work and for the works it is compared with: a work's first week against other
works' first weeks. A rate from a few dozen readers is uncertain, so each comes with a 95% Wilson interval, and
the verdict says "yes" or "quieter" only where that interval clears the baseline."""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from quire.access.reading import published_works
from quire.feedback.models import Bookmark, Review
from quire.follows.selectors import subscribers_of
from quire.insights.answers import asked_for_next
from quire.insights.asking import asks_for_more
from quire.insights.models import ChapterReader, WorkReader
from quire.insights.selectors import (
    counted_before_people,
    days_since_posting,
    people_counted_since,
    reader_reviews_shown_to_writer,
)
from quire.tags.enums import TagType
from quire.tags.models import WorkFilter
from quire.works.models import Work

MIN_READERS = 10  # below this, any rate is mostly noise
MIN_COMPARABLES = 8  # the archive's own baseline takes over from the built-in one at this many
MAX_COMPARABLES = 2000
MAX_WINDOW_DAYS = 365
Z = 1.96  # 95%
BASELINE_CACHE_SECONDS = 600
QUOTES = 3
QUOTE_CHARS = 160
REVIEWS_SCANNED = 50  # each costs at most a few ms (bench/asking.py), so the page stays fast

# Where the built-in baseline comes from. Published AO3 statistics (destinationtoast's survey of AO3, Nov 2014:
# the median work had 12 kudos on about 400 hits; writers' own hit/kudos tallies put kudos near 4 per 100
# hits; the median work had 0 or 1 comments) give kudos and reviews. Hits overcount people, so these are low
# for a share of readers, which makes "yes" harder to reach, not easier. No public figure exists for reaching
# a chapter's end, subscribing or asking for more: those are Quire's own cautious assumptions.
BUILT_IN = {
    "finished": 0.50,
    "kudos": 0.04,
    "reviewed": 0.01,
    "followed": 0.02,
    "asked": 0.01,
}
BUILT_IN_SOURCE = (
    "Quire's built-in starting figures (kudos and reviews from published AO3 statistics; reaching the end, "
    "subscribing and asking for more are cautious assumptions). This archive's own figures take over once it "
    "has {need} comparable works with {min_readers} readers in their first {days} (it has {have})."
)

# (key, what the table calls readers who did it, what the verdict calls it)
SIGNALS = (
    ("asked", "Asked for more", "asks for more"),
    ("followed", "Subscribed", "subscriptions"),
    ("finished", "Reached a chapter's end", "read-through"),
    ("kudos", "Left kudos", "kudos"),
    ("reviewed", "Left a review", "reviews"),
)
# A work's counts over a window, before any reader came.
NO_COUNTS = dict.fromkeys(("readers", "kudos", "reviewed", "asked", "followed", "reads", "finished"), 0)


def wilson(successes: int, trials: int) -> tuple[float, float]:
    """The 95% Wilson score interval for a share: honest at small counts and never outside 0..1."""
    if trials == 0:
        return 0.0, 1.0
    share = successes / trials
    centre = share + Z * Z / (2 * trials)
    spread = Z * math.sqrt(share * (1 - share) / trials + Z * Z / (4 * trials * trials))
    denominator = 1 + Z * Z / trials
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


@dataclass
class Signal:
    key: str
    label: str
    noun: str
    count: int
    of: int
    baseline: float | None

    @property
    def share(self) -> float | None:
        return self.count / self.of if self.of else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.count, self.of)

    @property
    def standing(self) -> str | None:
        """'above' or 'below' only when the whole interval is on that side of the baseline."""
        if self.share is None or self.baseline is None:
            return None
        low, high = self.interval
        if low > self.baseline:
            return "above"
        if high < self.baseline:
            return "below"
        return "within"

    @property
    def shown(self) -> dict[str, str]:
        """The signal's row in the stats page's table."""
        if not self.of:
            return {"share": "no readers yet", "range": "—", "usual": pct(self.baseline), "standing": ""}
        low, high = self.interval
        words = {
            "above": "clearly above usual",
            "below": "clearly below usual",
            "within": "within the usual range",
        }
        return {
            "share": f"{self.count} of {self.of} ({pct(self.share)})",
            "range": f"{pct(low)}–{pct(high)}",
            "usual": pct(self.baseline),
            "standing": words.get(self.standing, ""),
        }


def pct(share: float | None) -> str:
    if share is None:
        return "—"
    value = share * 100
    return f"{value:.0f}%" if value >= 10 or value == 0 else f"{value:.1f}%"


@dataclass
class Summary:
    verdict: str
    basis: str
    window: str
    signals: list[Signal] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    built_in: bool = False


def window_counts(work_ids, days: int) -> dict[int, dict[str, int]]:
    """Per work: readers who came in its first `days` days, and how many of them did each thing in those days."""
    counts = defaultdict(lambda: dict(NO_COUNTS))
    for work_id, *found in (
        WorkReader.objects.filter(work_id__in=work_ids, came_after__lt=days)
        .values_list("work_id")
        .annotate(
            readers=Count("pk"),
            kudos=Count("pk", filter=Q(kudos_after__lt=days)),
            reviewed=Count("pk", filter=Q(reviewed_after__lt=days)),
            asked=Count("pk", filter=Q(asked_after__lt=days)),
            followed=Count("pk", filter=Q(followed_after__lt=days)),
        )
    ):
        counts[work_id].update(zip(("readers", "kudos", "reviewed", "asked", "followed"), found, strict=True))
    for work_id, reads, finished in (
        ChapterReader.objects.filter(work_id__in=work_ids, came_after__lt=days)
        .values_list("work_id")
        .annotate(reads=Count("pk"), finished=Count("pk", filter=Q(finished_after__lt=days)))
    ):
        counts[work_id].update(reads=reads, finished=finished)
    return dict(counts)


def comparable_works(work: Work, days: int) -> tuple[list[int], str]:
    """Works like this one that have been out at least as long: same fandom where there are enough, else the
    whole archive; of similar length."""
    similar = (
        published_works()
        .exclude(pk=work.pk)
        .filter(posted_at__lte=timezone.now() - timedelta(days=days))
        .filter(word_count__gte=work.word_count // 3, word_count__lte=max(work.word_count * 3, 1000))
    )
    since = people_counted_since()
    if since is not None:  # a work posted before readers were people would show only its later readers
        similar = similar.filter(posted_at__date__gte=since)
    fandoms = [t for t in work.fandoms if t.type == TagType.FANDOM]
    if fandoms:
        in_fandom = similar.filter(
            pk__in=WorkFilter.objects.filter(tag_id__in=[t.pk for t in fandoms]).values("work_id")
        )
        ids = list(in_fandom.values_list("pk", flat=True)[:MAX_COMPARABLES])
        if len(ids) >= MIN_COMPARABLES:
            return ids, f"other works in {', '.join(t.name for t in fandoms)} of similar length"
    return list(
        similar.values_list("pk", flat=True)[:MAX_COMPARABLES]
    ), "works across the archive of similar length"


def rates(counts: dict[str, int]) -> dict[str, tuple[int, int]]:
    """(count, out of) per signal: reaching the end is of chapter reads, the rest of readers."""
    readers = counts["readers"]
    return {
        "finished": (counts["finished"], counts["reads"]),
        **{key: (counts[key], readers) for key in ("kudos", "reviewed", "followed", "asked")},
    }


def baseline(work: Work, days: int) -> tuple[dict[str, float], str, bool]:
    """The usual share for each signal, the sentence saying what it is, and whether it is the built-in one."""
    key = f"insights:baseline:{work.pk}:{days}"
    found = cache.get(key)
    if found is None:
        ids, kind = comparable_works(work, days)
        active = [c for c in window_counts(ids, days).values() if c["readers"] >= MIN_READERS]
        if len(active) >= MIN_COMPARABLES:
            medians = {}
            for name in BUILT_IN:
                shares = [n / of for n, of in (rates(c)[name] for c in active) if of]
                medians[name] = statistics.median(shares) if shares else BUILT_IN[name]
            found = (medians, f"the median of {len(active)} {kind} in their first {_days(days)}.", False)
        else:
            found = (
                dict(BUILT_IN),
                BUILT_IN_SOURCE.format(
                    need=MIN_COMPARABLES, min_readers=MIN_READERS, days=_days(days), have=len(active)
                ),
                True,
            )
        cache.set(key, found, BASELINE_CACHE_SECONDS)
    return found


def _days(days: int) -> str:
    return "day" if days == 1 else f"{days} days"


def review_asks(work, limit: int = QUOTES) -> list[str]:
    """A few of the latest reader reviews that ask for more, quoted as evidence."""
    quotes = []
    published = reader_reviews_shown_to_writer(work).filter(
        status=Review.Status.PUBLISHED, parent__isnull=True
    )
    for body in published.order_by("-created_at").values_list("body", flat=True)[:REVIEWS_SCANNED]:
        if asks_for_more(body):
            text = " ".join(body.split())
            quotes.append(text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…")
            if len(quotes) == limit:
                break
    return quotes


def summarize(work: Work, chapters) -> Summary:
    """`chapters`: the work's posted chapters, in order."""
    days = min(MAX_WINDOW_DAYS, days_since_posting(work, timezone.now()) + 1)
    mine = window_counts([work.pk], days).get(work.pk, NO_COUNTS)
    usual, basis, built_in = baseline(work, days)
    signals = []
    for name, label, noun in SIGNALS:
        count, of = rates(mine)[name]
        signals.append(Signal(name, label, noun, count, of, usual[name]))
    readers = mine["readers"]
    asked = asked_for_next(work, chapters)
    next_number = len(chapters) + 1
    waiting = subscribers_of(work).count()
    bookmarks = Bookmark.objects.filter(work=work).count()
    facts = [
        f"{asked} reader{'s' if asked != 1 else ''} asked for chapter {next_number}.",
        f"{waiting} subscriber{'s are' if waiting != 1 else ' is'} waiting for the next chapter.",
        f"{bookmarks} reader{'s' if bookmarks != 1 else ''} bookmarked it.",
    ]
    verdict = _verdict(readers, signals, asked, next_number)
    if counted_before_people(work):
        verdict = (
            f"Quire has counted readers as people only since {people_counted_since():%-d %B %Y}, after this work "
            f"was posted, so these figures leave out its first readers. {verdict}"
        )
    return Summary(
        verdict=verdict,
        basis=f"“Usual” is {basis}",
        window=f"Counted over the work's first {_days(days)}, and over the same span for the works it is compared with.",
        signals=signals,
        facts=facts,
        quotes=review_asks(work),
        built_in=built_in,
    )


def _verdict(readers: int, signals: list[Signal], asked: int, next_number: int) -> str:
    people = f"{readers} reader{'s' if readers != 1 else ''}"
    if readers < MIN_READERS:
        text = f"Too early to tell: {people} so far, and a fair comparison needs {MIN_READERS}."
        if asked:
            text += f" But {asked} of them already asked for chapter {next_number}: that is a real answer."
        return text
    above = [s.noun for s in signals if s.standing == "above"]
    below = [s.noun for s in signals if s.standing == "below"]
    if above and not below:
        return f"Yes: with {people}, readers are more engaged than usual ({', '.join(above)} clearly above)."
    if below and not above:
        return (
            f"Quieter than usual: with {people}, {', '.join(below)} clearly below. "
            "That is common for a story still finding its readers; the evidence is below."
        )
    if above and below:
        return f"Mixed: with {people}, {', '.join(above)} clearly above usual, but {', '.join(below)} clearly below."
    return (
        f"In line with usual: with {people}, no signal is clearly above or below comparable works yet; "
        "each likely range still includes the usual figure."
    )
