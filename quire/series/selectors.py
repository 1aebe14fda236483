"""Reads of series, always through the works' one visibility rule: a draft or hidden work never shows."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from quire.access.reading import creators_kept_from, works_for
from quire.access.surfaces import Surface
from quire.series.models import Series, SeriesWork
from quire.works.models import Work


def series_works(user, series: Series) -> list[Work]:
    """The works of the series this reader may see, in order, with everything a blurb shows. A series names
    its creators, so an anonymous work is listed in it only to its own creators until the reveal."""
    return list(
        works_for(user, Surface.LISTING, hide_muted=False)
        .exclude(creators_kept_from(user))
        .filter(series_entries__series=series)
        .for_listing()
        .order_by("series_entries__position")
    )


@dataclass
class SeriesPlace:
    series: Series
    number: int
    previous: Work | None
    next: Work | None


def page_annotations() -> dict:
    """Whether a work is in any series, read with the work page's own query: most are in none."""
    return {"in_series": Exists(SeriesWork.objects.filter(work=OuterRef("pk")))}


def places_of(user, work: Work) -> list[SeriesPlace]:
    """ "Part N of Series", with the previous and next works, counting only works this reader may see.
    One query: every visible entry of every series this work is in. An anonymous work is in no series to
    its readers (the series would name its creators), and is skipped in its series' other works."""
    if not getattr(work, "in_series", True):  # read with the work page's query (`page_annotations`)
        return []
    listed = works_for(user, Surface.LISTING, hide_muted=False).exclude(creators_kept_from(user))
    entries = (
        SeriesWork.objects.filter(series__entries__work=work, work__in=listed)
        .select_related("series", "work")
        .only("series__title", "work__title", "series_id", "work_id", "position")
        .order_by("series_id", "position")
    )
    by_series: dict[int, list[SeriesWork]] = {}
    for entry in entries:
        by_series.setdefault(entry.series_id, []).append(entry)
    places = []
    for in_order in by_series.values():
        index = next((i for i, entry in enumerate(in_order) if entry.work_id == work.pk), None)
        if index is None:
            continue
        places.append(
            SeriesPlace(
                series=in_order[index].series,
                number=index + 1,
                previous=in_order[index - 1].work if index > 0 else None,
                next=in_order[index + 1].work if index + 1 < len(in_order) else None,
            )
        )
    return places
