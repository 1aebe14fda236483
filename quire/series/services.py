"""Every change to series goes through here: creating, editing, adding, removing and ordering works."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from quire.access.writing import ensure_may_add_to_series, ensure_may_edit_series, ensure_may_write
from quire.accounts.services import credit_as, own_pseud
from quire.core.tasks import enqueue_after_commit
from quire.core.text import SANITIZER_VERSION, TextFormat, render
from quire.creators.services import credit_creator
from quire.follows.tasks import announce_series_work
from quire.series.models import Series, SeriesWork


@dataclass
class SeriesFields:
    title: str
    summary: str = ""
    notes: str = ""
    is_complete: bool = False
    pseud_id: int | None = None  # the creator's pseud for it; their default pseud when empty


def _apply(series: Series, fields: SeriesFields) -> None:
    series.title = fields.title.strip()
    series.summary, series.summary_html = fields.summary, render(fields.summary, TextFormat.RICH)
    series.notes, series.notes_html = fields.notes, render(fields.notes, TextFormat.RICH)
    series.sanitizer_version = SANITIZER_VERSION
    series.is_complete = fields.is_complete


@transaction.atomic
def create_series(*, creator, fields: SeriesFields) -> Series:
    ensure_may_write(creator)
    series = Series()
    _apply(series, fields)
    series.save()
    credit_creator(series, own_pseud(creator, pk=fields.pseud_id))
    return series


def update_series(*, series: Series, user, fields: SeriesFields) -> Series:
    ensure_may_edit_series(user, series)
    _apply(series, fields)
    series.save()
    if fields.pseud_id:
        credit_as(thing=series, user=user, pseud=own_pseud(user, pk=fields.pseud_id))
    return series


@transaction.atomic
def add_work(*, series: Series, work, user, position: int | None = None) -> SeriesWork:
    """Put the work last in the series, or at `position` (an imported work's place in its series, kept where
    no other work holds it); its subscribers hear of it once it is posted."""
    ensure_may_add_to_series(user, series, work)
    # Locks the series row on PostgreSQL so two additions cannot take the same position.
    Series.objects.select_for_update().filter(pk=series.pk).first()
    existing = SeriesWork.objects.filter(series=series, work=work).first()
    if existing:
        return existing
    last = series.entries.aggregate(last=Max("position"))["last"] or 0
    if position is None or series.entries.filter(position=position).exists():
        position = last + 1
    entry = SeriesWork.objects.create(series=series, work=work, position=position)
    Series.objects.filter(pk=series.pk).update(updated_at=timezone.now())
    if work.posted_at is not None:
        enqueue_after_commit(announce_series_work, work.pk, series.pk)
    return entry


@transaction.atomic
def remove_work(*, series: Series, work, user) -> None:
    ensure_may_edit_series(user, series)
    series.entries.filter(work=work).delete()
    _renumber(series, list(series.entries.order_by("position").values_list("work_id", flat=True)))


@transaction.atomic
def reorder_works(*, series: Series, user, work_ids: list[int]) -> None:
    ensure_may_edit_series(user, series)
    existing = set(series.entries.values_list("work_id", flat=True))
    if set(work_ids) != existing or len(work_ids) != len(existing):
        raise ValueError("The new order must list every work of the series exactly once.")
    _renumber(series, work_ids)


def _renumber(series: Series, work_ids: list[int]) -> None:
    # Two passes keep the unique (series, position) constraint satisfied at every step on both databases.
    series.entries.update(position=F("position") + len(work_ids) + 1000)
    for position, work_id in enumerate(work_ids, start=1):
        SeriesWork.objects.filter(series=series, work_id=work_id).update(position=position)


def series_named(*, creator, title: str) -> Series:
    """The creator's own series of that title (an import's), made if they have none yet."""
    found = Series.objects.credited_to(creator).filter(title__iexact=title.strip()).order_by("pk").first()
    return found or create_series(creator=creator, fields=SeriesFields(title=title))


def delete_series(*, series: Series, user) -> None:
    ensure_may_edit_series(user, series)
    series.delete()
