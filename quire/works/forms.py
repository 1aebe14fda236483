import operator
import secrets
from functools import reduce

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from quire.core.forms import SingleLineField
from quire.core.text import TextFormat
from quire.core.widgets import LongSelect
from quire.gifts.selectors import recipients_of
from quire.gifts.services import split_names
from quire.tags.enums import TagType
from quire.tags.models import Tag, normalize_tag_name, validate_tag_name
from quire.works.enums import Category, Rating, ReviewPolicy, Warning
from quire.works.language_choices import choices_most_used_first
from quire.works.models import (
    CHAPTER_BODY_MAX,
    EARLIEST_PUBLISHED,
    LANGUAGE_CHOICES,
    NOTES_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)
from quire.works.services import ChapterFields, WorkFields

MAX_TAGS_PER_WORK = 75
IMPORT_EXTENSIONS = (".txt", ".html", ".htm", ".md", ".markdown", ".docx", ".epub")


class TagListField(forms.CharField):
    """Comma-separated tag names, as AO3's tag boxes take them."""

    def __init__(self, *, tag_type: str, **kwargs):
        self.tag_type = tag_type
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Separate tags with commas. Suggestions appear as you type.")
        list_id = f"{tag_type}-suggestions"
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "list": list_id,
                    "autocomplete": "off",
                    "data-hx-get": f"/autocomplete/tags?type={tag_type}",
                    "data-hx-trigger": "input changed delay:250ms",
                    "data-hx-target": f"#{list_id}",
                    "data-hx-include": "[name=fandoms]",
                    "data-hx-sync": "this:replace",
                }
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        names, seen = [], set()
        for raw in (value or "").split(","):
            name = normalize_tag_name(raw)
            if name and name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        return names

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if any("\x00" in name for name in value):
            # Before the lookup below: PostgreSQL refuses NUL in a query (the field's own check comes later).
            raise ValidationError("Null characters are not allowed.", code="null_characters_not_allowed")
        errors = []
        for name in value:
            try:
                validate_tag_name(name)
            except ValidationError as error:
                errors.extend(error.messages)
        if value:
            any_name = reduce(operator.or_, (Q(name__iexact=name) for name in value))
            for tag in Tag.objects.filter(any_name).exclude(type=self.tag_type):
                errors.append(
                    f"“{tag.name}” is already a {tag.get_type_display().lower()} tag; "
                    f"it cannot also be a {TagType(self.tag_type).label.lower()} tag."
                )
        if errors:
            raise ValidationError(errors)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class WorkForm(forms.Form):
    """The work's metadata: AO3's posting form, field for field."""

    required_css_class = "required"

    rating = forms.ChoiceField(choices=[("", "Choose a rating")] + Rating.choices)
    warnings = forms.MultipleChoiceField(
        choices=Warning.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Archive warnings",
        error_messages={
            "required": "Choose at least one archive warning, or “Creator Chose Not To Use Archive Warnings”."
        },
    )
    fandoms = TagListField(tag_type=TagType.FANDOM, required=True, label="Fandoms")
    categories = forms.MultipleChoiceField(
        choices=Category.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    relationships = TagListField(tag_type=TagType.RELATIONSHIP)
    characters = TagListField(tag_type=TagType.CHARACTER)
    additional_tags = TagListField(tag_type=TagType.ADDITIONAL, label="Additional tags")
    title = SingleLineField(max_length=TITLE_MAX)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=SUMMARY_MAX
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=NOTES_MAX,
        label="Notes at the beginning",
    )
    end_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=NOTES_MAX,
        label="Notes at the end",
    )
    recipients = forms.CharField(
        required=False,
        max_length=5000,
        label="Gift to",
        help_text="Separate names with commas. A member by their pseud, “Name” or “Name (username)”; "
        "anyone else by their name. Members are told in their inbox.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    collections = forms.CharField(
        required=False,
        max_length=5000,
        label="Post to collections / challenges",
        help_text="Collection names (as in their addresses), separated by commas. A moderated collection "
        "approves the work first; taking a name out takes the work out of that collection.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, initial="en", widget=LongSelect)
    expected_chapters = forms.IntegerField(
        min_value=1,
        max_value=5000,
        required=False,
        label="Expected number of chapters",
        help_text="Leave empty if you don't know yet; readers will see “1/?”.",
    )
    restricted = forms.BooleanField(required=False, label="Only show to registered users")
    review_policy = forms.ChoiceField(
        choices=ReviewPolicy.choices, initial=ReviewPolicy.EVERYONE, label="Who can review"
    )
    moderate_reviews = forms.BooleanField(required=False, label="Approve reviews before they appear")
    text_format = forms.ChoiceField(
        choices=TextFormat.choices,
        initial=TextFormat.RICH,
        label="Text format",
        help_text="Rich text keeps formatting pasted from a word processor; in plain text a blank line starts a new paragraph.",
    )
    published_on = forms.DateField(
        required=False,
        label="Set a different publication date",
        help_text="For a work first published elsewhere or earlier: it is dated, listed and sorted by this day. "
        "Leave empty to date it the day you post it.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date, such as 2015-03-21."},
    )

    def __init__(self, *args, posted_chapters: int = 0, **kwargs):
        self.posted_chapters = posted_chapters
        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = choices_most_used_first()

    def clean_warnings(self):
        warnings = self.cleaned_data["warnings"]
        if Warning.NONE_APPLY in warnings and set(warnings) - {Warning.NONE_APPLY, Warning.CHOSE_NOT_TO_WARN}:
            raise ValidationError("“No Archive Warnings Apply” cannot be chosen together with a warning.")
        return warnings

    def clean_recipients(self) -> list[str] | None:
        if self.add_prefix("recipients") not in self.data:
            return None  # a client that does not send the field leaves the gifts as they are
        # Who each name is, and whether they accept gifts from this writer, is the service's to say
        # (quire.gifts.services.set_gifts): its messages come back to this field.
        return split_names(self.cleaned_data["recipients"])

    def clean_collections(self) -> list[str] | None:
        if self.add_prefix("collections") not in self.data:
            return None  # a client that does not send the field leaves the collections as they are
        # Whether each collection exists and takes the work is the service's to say
        # (quire.collections.services.set_work_collections): its messages come back to this field.
        return split_names(self.cleaned_data["collections"])

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        if day is not None and day > timezone.localdate():
            raise ValidationError(
                f"{day:%Y-%m-%d} is in the future. A work can be dated today or earlier; to post it later, save it as a draft."
            )
        if day is not None and day < EARLIEST_PUBLISHED:
            raise ValidationError(f"Choose a date from {EARLIEST_PUBLISHED.year} on.")
        return day

    def clean_expected_chapters(self):
        expected = self.cleaned_data["expected_chapters"]
        if expected is not None and expected < self.posted_chapters:
            raise ValidationError(
                f"This work already has {self.posted_chapters} posted chapters; expect at least that many."
            )
        return expected

    def clean(self):
        cleaned = super().clean()
        total = sum(
            len(cleaned.get(name) or [])
            for name in ("fandoms", "relationships", "characters", "additional_tags")
        )
        if total > MAX_TAGS_PER_WORK:
            raise ValidationError(f"A work can have at most {MAX_TAGS_PER_WORK} tags; this one has {total}.")
        return cleaned

    def work_fields(self) -> WorkFields:
        data = self.cleaned_data
        return WorkFields(
            title=data["title"],
            rating=data["rating"],
            warnings=data["warnings"],
            categories=data["categories"],
            fandoms=data["fandoms"],
            relationships=data["relationships"],
            characters=data["characters"],
            additional_tags=data["additional_tags"],
            summary=data["summary"],
            notes=data["notes"],
            end_notes=data["end_notes"],
            language=data["language"],
            expected_chapters=data["expected_chapters"],
            restricted=data["restricted"],
            review_policy=data["review_policy"],
            moderate_reviews=data["moderate_reviews"],
            text_format=data["text_format"],
            pseud_id=data["pseud"].pk if data.get("pseud") else None,
            recipients=data["recipients"],
            published_on=data["published_on"],
        )

    @staticmethod
    def initial_for(work) -> dict:
        return {
            "title": work.title,
            "rating": work.rating,
            "warnings": [w.value for w in work.warnings],
            "categories": [c.value for c in work.categories],
            "fandoms": ", ".join(t.name for t in work.fandoms),
            "relationships": ", ".join(t.name for t in work.relationships),
            "characters": ", ".join(t.name for t in work.characters),
            "additional_tags": ", ".join(t.name for t in work.additional_tags),
            "summary": work.summary,
            "notes": work.notes,
            "end_notes": work.end_notes,
            "language": work.language,
            "expected_chapters": work.expected_chapters,
            "restricted": work.restricted,
            "review_policy": work.review_policy,
            "moderate_reviews": work.moderate_reviews,
            "text_format": work.text_format,
            "recipients": ", ".join(gift.recipient for gift in recipients_of(work)),
            "published_on": work.published_on,
        }


class ChapterForm(forms.Form):
    required_css_class = "required"
    title = SingleLineField(max_length=TITLE_MAX, required=False, label="Chapter title")
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=SUMMARY_MAX,
        label="Chapter summary",
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=NOTES_MAX,
        label="Chapter notes at the beginning",
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=CHAPTER_BODY_MAX,
        label="Chapter text",
        strip=False,
        error_messages={
            "required": "The chapter needs some text.",
            "max_length": "A chapter can have at most 510,000 characters (this one has %(show_value)d). Split it into two chapters.",
        },
    )
    end_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=NOTES_MAX,
        label="Chapter notes at the end",
    )
    text_format = forms.ChoiceField(choices=TextFormat.choices, initial=TextFormat.RICH, label="Text format")
    # Read in the current time zone, which quire.accounts.middleware sets to the writer's own.
    release_at = forms.DateTimeField(
        required=False,
        label="Release on",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Enter a date and time, such as 2026-12-24 18:00."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # One per new-chapter form shown: a retried post with it returns the chapter it already made.
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, with_format: bool = True, with_schedule: bool = True, **kwargs):
        kwargs["initial"] = {**(kwargs.get("initial") or {}), "token": secrets.token_hex(16)}
        super().__init__(*args, **kwargs)
        if self.is_bound and not self.data.get(self.add_prefix("token")):
            # A form restored from an autosave carries no token; it gets its own for the post to come.
            self.data = self.data.copy()
            self.data[self.add_prefix("token")] = self.initial["token"]
        if not with_format:
            del self.fields["text_format"]
        if with_schedule:
            self.fields["release_at"].help_text = (
                f"Date and time in your time zone ({timezone.get_current_timezone_name()}); "
                "until then only you can see the chapter."
            )
        else:
            del self.fields["release_at"]

    def clean_release_at(self):
        release_at = self.cleaned_data["release_at"]
        if release_at is not None and release_at <= timezone.now():
            local = timezone.localtime(release_at)
            raise ValidationError(
                f"{local:%Y-%m-%d %H:%M} has already passed. Choose a later time, or post the chapter now."
            )
        return release_at

    def wants_schedule(self, action: str):
        """The release time to schedule, or None; adds an error (keeping everything typed) when one is missing."""
        release_at = self.cleaned_data.get("release_at")
        if action == "schedule" and release_at is None:
            self.add_error("release_at", "Choose a date and time to release this chapter.")
        return release_at if action in {"schedule", "draft"} else None

    def chapter_fields(self, text_format: str | None = None) -> ChapterFields:
        data = self.cleaned_data
        return ChapterFields(
            title=data["title"],
            summary=data["summary"],
            notes=data["notes"],
            end_notes=data["end_notes"],
            body=data["body"],
            text_format=text_format or data["text_format"],
        )

    @staticmethod
    def initial_for(chapter) -> dict:
        return {
            "title": chapter.title,
            "summary": chapter.summary,
            "notes": chapter.notes,
            "body": chapter.body,
            "end_notes": chapter.end_notes,
            "text_format": chapter.text_format,
            "release_at": chapter.release_at,
            "version": chapter.version,
        }


class ImportForm(forms.Form):
    # Rendered inside the work and chapter forms, whose other buttons must submit without a file.
    use_required_attribute = False

    file = forms.FileField(
        label="Import text from a file",
        help_text="A .txt, .html, .md or .docx file: its text fills the chapter below for you to check before saving. "
        "On a new work, an .epub becomes a draft with all its chapters, notes and tags.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise ValidationError("Quire can import .txt, .html, .md, .docx and .epub files.")
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                f"That file is larger than {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB, the most Quire imports at once."
            )
        return upload
