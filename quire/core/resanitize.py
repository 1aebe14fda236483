"""Re-cleaning stored HTML when the sanitizer's allowlist changes (quire.core.text.SANITIZER_VERSION).

Every model that stores sanitized HTML keeps its source and the version it was cleaned with; rows cleaned
by any other version are rendered again from their source, so nothing the old allowlist let through stays.
Run by `quire resanitize` and queued by the worker when it starts and daily; a run with nothing to do costs
one indexed query per model.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Sum

from quire.access.reading import POSTED_CHAPTER
from quire.core import text
from quire.core.words import count_words


@dataclass(frozen=True)
class Stored:
    model: str  # "app_label.Model"
    fields: tuple[tuple[str, str], ...]  # (source field, HTML field)
    text_format: str | None = None  # a fixed format, else the row's own text_format
    word_count: str | None = None  # recounted from this HTML field


STORED = [
    Stored(
        "works.Work",
        (("summary", "summary_html"), ("notes", "notes_html"), ("end_notes", "end_notes_html")),
    ),
    Stored(
        "works.Chapter",
        (
            ("summary", "summary_html"),
            ("notes", "notes_html"),
            ("end_notes", "end_notes_html"),
            ("body", "body_html"),
        ),
        word_count="body_html",
    ),
    Stored("feedback.Review", (("body", "body_html"),), text_format=text.TextFormat.PLAIN),
    Stored("feedback.Bookmark", (("note", "note_html"),), text_format=text.TextFormat.PLAIN),
    Stored("sitepages.Page", (("body", "body_html"),)),
    Stored("news.NewsPost", (("body", "body_html"),)),
    Stored("news.NewsComment", (("body", "body_html"),), text_format=text.TextFormat.PLAIN),
    Stored("news.Banner", (("text", "text_html"),), text_format=text.TextFormat.MARKDOWN),
    Stored(
        "series.Series",
        (("summary", "summary_html"), ("notes", "notes_html")),
        text_format=text.TextFormat.RICH,
    ),
]


def resanitize(batch_size: int = 200) -> dict[str, int]:
    """Re-clean every row cleaned by another sanitizer version; returns how many rows per model."""
    version = text.SANITIZER_VERSION
    done = {}
    for stored in STORED:
        model = apps.get_model(stored.model)
        sources = [source for source, _ in stored.fields]
        extra = ([] if stored.text_format else ["text_format"]) + (["work_id"] if stored.word_count else [])
        done[stored.model] = 0
        while True:
            rows = list(
                model.objects.exclude(sanitizer_version=version)
                .order_by("pk")
                .values("pk", "sanitizer_version", *sources, *extra)[:batch_size]
            )
            if not rows:
                break
            with transaction.atomic():
                for row in rows:
                    text_format = stored.text_format or row["text_format"]
                    values = {html: text.render(row[source], text_format) for source, html in stored.fields}
                    if stored.word_count:
                        values["word_count"] = count_words(values[stored.word_count])
                    # update(), not save(): re-cleaning is not an edit, so updated_at and versions stay;
                    # an edit that lands meanwhile was already cleaned by this version and is left alone.
                    model.objects.filter(pk=row["pk"], sanitizer_version=row["sanitizer_version"]).update(
                        sanitizer_version=version, **values
                    )
                if stored.word_count:
                    _refresh_work_words(model, {row["work_id"] for row in rows})
            done[stored.model] += len(rows)
    return done


def _refresh_work_words(chapter_model, work_ids: set[int]) -> None:
    """Chapters recounted: their works' totals follow, or the work page would disagree with its chapters.
    Only the count changes (as quire.works.services.refresh_work_totals counts it), not updated_at."""
    work_model = chapter_model._meta.get_field("work").related_model
    totals = dict(
        chapter_model.objects.filter(POSTED_CHAPTER, work_id__in=work_ids)
        .values_list("work_id")
        .annotate(words=Sum("word_count"))
    )
    for work_id in work_ids:
        work_model.objects.filter(pk=work_id).update(word_count=totals.get(work_id, 0))
