"""`quire backup` and `quire restore`: a round trip brings back the data and the media."""

import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from factories import make_work

from quire.works.models import Work

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(tmp_path, settings, writer):
    media = Path(settings.MEDIA_ROOT)
    (media / "covers").mkdir(parents=True)
    (media / "covers" / "one.png").write_bytes(b"\x89PNG cover")
    (media / "downloads").mkdir()
    (media / "downloads" / "work.epub").write_bytes(b"rebuilt on demand")
    kept = make_work(author=writer, title="Kept Safe", chapters=2)
    target = tmp_path / "backups" / "archive.tar.gz"

    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    assert "and 1 media files" in out.getvalue()
    with tarfile.open(target) as archive:
        names = archive.getnames()
    assert "manifest.json" in names and "media/covers/one.png" in names
    assert not any("downloads" in name for name in names)

    # Disaster: the work is deleted, another appears, a cover is lost.
    kept.delete()
    make_work(author=writer, title="After the backup")
    (media / "covers" / "one.png").unlink()

    call_command("restore", str(target), "--yes", stdout=io.StringIO())
    assert list(Work.objects.values_list("title", flat=True)) == ["Kept Safe"]
    restored = Work.objects.get()
    assert restored.chapters.count() == 2 and restored.tags.exists()
    assert (media / "covers" / "one.png").read_bytes() == b"\x89PNG cover"


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="not a Quire backup"):
        call_command("restore", str(junk), "--yes")
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), "--yes")


def test_an_archive_with_imported_works_restores_them_intact_and_a_rerun_of_the_import_makes_nothing(
    tmp_path,
):
    # deferred: the eFiction fixture's helpers live with the import's own tests
    from test_efiction_import import at, import_fixture

    from quire.feedback.models import Review
    from quire.imports.models import ImportedAuthor, ImportedRow

    import_fixture("--yes")
    rows = ImportedRow.objects.count()
    target = tmp_path / "archive.tar.gz"
    call_command("backup", str(target), stdout=io.StringIO())
    Work.objects.all().delete()
    ImportedRow.objects.all().delete()

    call_command("restore", str(target), "--yes", stdout=io.StringIO())

    home = Work.objects.get(title="The Long Way Home")
    assert (home.posted_at, home.revised_at, home.hit_count) == (
        at("2005-06-01 12:00:00"),
        at("2005-07-15 18:30:00"),
        120,
    )
    assert Review.objects.filter(work=home, body__startswith="Loved the shuttle scene!").exists()
    assert ImportedRow.objects.count() == rows
    assert ImportedAuthor.objects.get(email="ruth@example.org").user.unclaimed_import
    again = import_fixture("--yes")
    assert "Made: nothing" in again and Work.objects.count() == 5
