from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from quire.accounts.models import User
from quire.exports import epub_import
from quire.works import importing, services
from quire.works.enums import Rating, Warning


class Command(BaseCommand):
    help = (
        "Import a chapter file (.txt, .html, .md, .docx) or a whole work (.epub: every chapter, its notes and "
        "tags) as a new work and print its URL path."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--author", required=True, help="Username of the work's author")
        parser.add_argument(
            "--fandom",
            action="append",
            default=[],
            help="Fandom (repeatable; required unless an .epub names it)",
        )
        parser.add_argument("--relationship", action="append", default=[], help="Relationship (repeatable)")
        parser.add_argument("--character", action="append", default=[], help="Character (repeatable)")
        parser.add_argument("--tag", action="append", default=[], help="Additional tag (repeatable)")
        parser.add_argument(
            "--rating",
            default=Rating.NOT_RATED,
            help="Rating: " + ", ".join(Rating.values) + " (or its label)",
        )
        parser.add_argument(
            "--warning",
            action="append",
            default=[],
            help="Archive warning (repeatable); default: creator chose not to warn",
        )
        parser.add_argument("--title", help="Title (default: the file's title or name)")
        parser.add_argument("--draft", action="store_true", help="Save as a draft instead of posting")

    def handle(
        self,
        *args,
        file,
        author,
        fandom,
        relationship,
        character,
        tag,
        rating,
        warning,
        title,
        draft,
        **options,
    ):
        user = User.objects.filter(username__iexact=author).first()
        if user is None:
            raise CommandError(f"There is no user named {author!r}.")
        if not file.is_file():
            raise CommandError(f"{file} is not a readable file.")
        if file.suffix.lower() == ".epub":
            return self._import_epub(
                file, user, fandom, relationship, character, tag, rating, warning, title, draft
            )
        if not fandom:
            raise CommandError("Name the work's fandom with --fandom.")
        try:
            chapter = importing.read_file(file.name, file.read_bytes())
        except (importing.ImportError_, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        work_fields = services.WorkFields(
            title=title or chapter.document_title or _title_from_filename(file),
            rating=_choice(Rating, rating, "rating"),
            warnings=[_choice(Warning, w, "warning") for w in warning] or [Warning.CHOSE_NOT_TO_WARN],
            fandoms=fandom,
            relationships=relationship,
            characters=character,
            additional_tags=tag,
            text_format=chapter.text_format,
        )
        chapter_fields = services.ChapterFields(
            title=chapter.title,
            body=chapter.body,
            notes=chapter.notes,
            end_notes=chapter.end_notes,
            text_format=chapter.text_format,
        )
        try:
            work = services.create_work(author=user, work=work_fields, chapter=chapter_fields, post=not draft)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PermissionDenied as error:  # a suspended or banned account, as on the posting form
            raise CommandError(str(error)) from error
        self.stdout.write(work.get_absolute_url())

    def _import_epub(self, file, user, fandom, relationship, character, tag, rating, warning, title, draft):
        defaults = epub_import.Defaults(
            title=title or "",
            rating=_choice(Rating, rating, "rating"),
            warnings=[_choice(Warning, w, "warning") for w in warning],
            fandoms=fandom,
            relationships=relationship,
            characters=character,
            additional_tags=tag,
        )
        try:
            result = epub_import.import_epub(author=user, content=file.read_bytes(), defaults=defaults)
        except (importing.ImportError_, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        if result.left_out:
            self.stderr.write(
                "Tags left out (already used as another type, or invalid): " + ", ".join(result.left_out)
            )
        if not draft:
            services.post_work(work=result.work, user=user)
        self.stdout.write(result.work.get_absolute_url())


def _choice(enum, value: str, what: str) -> str:
    for member in enum:
        if value.lower() in (member.value, member.label.lower()):
            return member.value
    raise CommandError(f"Unknown {what} {value!r}. Use one of: " + ", ".join(enum.values))


def _title_from_filename(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip().title() or "Untitled"
