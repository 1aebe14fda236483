"""An uploaded EPUB (or a whole work's HTML download) becomes a draft work with all its chapters, dated as
where it was first posted, for the writer to review before posting."""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quire.core.text import TextFormat
from quire.exports.epub_reader import EpubWork, read_epub, read_html_work
from quire.series import services as series_services
from quire.tags.enums import TagType
from quire.tags.models import Tag, normalize_tag_name, validate_tag_name
from quire.works import services
from quire.works.enums import Rating, Warning
from quire.works.importing import ImportError_
from quire.works.languages import language_code
from quire.works.models import CHAPTER_BODY_MAX, EARLIEST_PUBLISHED, TITLE_MAX, Work


@dataclass
class Defaults:
    """What the writer typed in the form (or passed to `quire import`), used where the EPUB says nothing."""

    title: str = ""
    rating: str = ""
    warnings: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    work: Work
    left_out: list[str]


WHOLE_WORK_SUFFIXES = (".epub", ".html", ".htm")


def import_document(*, author, name: str, content: bytes, defaults: Defaults | None = None) -> ImportResult:
    """A whole work from a file: an .epub, or the .html a work downloads as from AO3, FanFicFare or Quire."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in WHOLE_WORK_SUFFIXES:
        raise ImportError_(
            "Quire imports whole works from .epub and .html files (AO3's, FanFicFare's, Quire's)."
        )
    work = read_epub(content) if suffix == ".epub" else read_html_work(content)
    return _import(author=author, epub=work, defaults=defaults)


def import_epub(*, author, content: bytes, defaults: Defaults | None = None) -> ImportResult:
    """Raises ImportError_ with a message for the writer when the file cannot become a work."""
    return _import(author=author, epub=read_epub(content), defaults=defaults)


def _import(*, author, epub: EpubWork, defaults: Defaults | None) -> ImportResult:
    defaults = defaults or Defaults()
    for number, chapter in enumerate(epub.chapters, start=1):
        if len(chapter.body) > CHAPTER_BODY_MAX:
            raise ImportError_(
                f"Chapter {number} of that EPUB is longer than the 510,000 characters a chapter can hold. "
                "Split it in your editor and import again."
            )
    left_out: list[str] = []
    tags = {
        TagType.FANDOM: _usable(epub.fandoms or defaults.fandoms, TagType.FANDOM, left_out),
        TagType.RELATIONSHIP: _usable(
            epub.relationships or defaults.relationships, TagType.RELATIONSHIP, left_out
        ),
        TagType.CHARACTER: _usable(epub.characters or defaults.characters, TagType.CHARACTER, left_out),
        TagType.ADDITIONAL: _usable(
            epub.additional_tags or defaults.additional_tags, TagType.ADDITIONAL, left_out
        ),
    }
    if not tags[TagType.FANDOM]:
        raise ImportError_(
            "That EPUB does not say which fandom it belongs to. Type the fandom in the form, then import again."
        )
    work_fields = services.WorkFields(
        title=(epub.title or defaults.title or "Untitled")[:TITLE_MAX],
        rating=epub.rating or defaults.rating or Rating.NOT_RATED,
        warnings=epub.warnings or defaults.warnings or [Warning.CHOSE_NOT_TO_WARN],
        categories=epub.categories,
        fandoms=tags[TagType.FANDOM],
        relationships=tags[TagType.RELATIONSHIP],
        characters=tags[TagType.CHARACTER],
        additional_tags=tags[TagType.ADDITIONAL],
        summary=epub.summary,
        notes=epub.notes,
        end_notes=epub.end_notes,
        language=_language(epub),
        expected_chapters=max(epub.expected_chapters, len(epub.chapters)) if epub.expected_chapters else None,
        text_format=TextFormat.RICH,
        published_on=_past(epub.published),
        updated_on=_past(epub.updated),
        source_url=epub.source_url,
    )
    with transaction.atomic():
        first, *rest = epub.chapters
        try:
            work = services.create_work(author=author, work=work_fields, chapter=_chapter(first), post=False)
        except ValidationError as error:
            raise ImportError_(" ".join(error.messages)) from error
        for chapter in rest:
            services.add_chapter(work=work, user=author, fields=_chapter(chapter), post=False)
        if epub.series:
            series = series_services.series_named(creator=author, title=epub.series[:TITLE_MAX])
            series_services.add_work(series=series, work=work, user=author, position=epub.series_position)
    return ImportResult(work=work, left_out=left_out)


def _past(day):
    """A date from the file, if it could be a publication date (a file can claim anything)."""
    return day if day is not None and EARLIEST_PUBLISHED <= day <= timezone.localdate() else None


def defaults_from_form(data) -> Defaults:
    """The posting form as typed, valid or not: only fields the EPUB may lack are taken."""

    def names(key: str) -> list[str]:
        return [normalize_tag_name(n) for n in data.get(key, "").split(",") if n.strip()]

    return Defaults(
        title=data.get("title", "").strip(),
        rating=data.get("rating") if data.get("rating") in Rating.values else "",
        warnings=[w for w in data.getlist("warnings") if w in Warning.values],
        fandoms=names("fandoms"),
        relationships=names("relationships"),
        characters=names("characters"),
        additional_tags=names("additional_tags"),
    )


def _chapter(chapter) -> services.ChapterFields:
    return services.ChapterFields(
        title=chapter.title[:TITLE_MAX],
        body=chapter.body,
        summary=chapter.summary,
        notes=chapter.notes,
        end_notes=chapter.end_notes,
        text_format=TextFormat.RICH,
    )


def _usable(names: list[str], tag_type: str, left_out: list[str]) -> list[str]:
    """Tags Quire can take as that type; the rest are named to the writer, never dropped silently."""
    usable = []
    for raw in names:
        name = normalize_tag_name(raw)
        try:
            validate_tag_name(name)
        except ValidationError:
            left_out.append(name)
            continue
        existing = Tag.objects.named(name).first()
        if existing is not None and existing.type != tag_type:
            left_out.append(name)
        elif name.lower() not in {n.lower() for n in usable}:
            usable.append(name)
    return usable


def _language(epub: EpubWork) -> str:
    return language_code(epub.language or "") or "en"
