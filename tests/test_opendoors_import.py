"""`quire import-opendoors`: an archive converted to the Open Doors import tables arrives with its authors, dates,
AO3 tags, co-authors and story links; do-not-import rows stay out; the dry run writes nothing; a second run
makes nothing twice; a stopped run resumes. The fixture is tests/data/opendoors/opendoors.sql."""

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quire.accounts.models import User
from quire.creators.models import Creatorship
from quire.discovery.models import SearchDocument
from quire.imports.models import ImportedAuthor, ImportedRow, SourceArchive
from quire.imports.opendoors.services import OpenDoorsImport
from quire.imports.opendoors.source import stage_dump
from quire.imports.services import StopImport
from quire.tags.models import Tag
from quire.works.models import Chapter, Work

pytestmark = pytest.mark.django_db

DUMP = Path(__file__).parent / "data" / "opendoors" / "opendoors.sql"


def import_dump(*options, dump=DUMP) -> str:
    out = StringIO()
    call_command(
        "import_opendoors", "--sql", str(dump), "--archive", "Gateworld Archive", *options, stdout=out
    )
    return out.getvalue()


def imported(table, source_id):
    return ImportedRow.objects.get(archive__kind="opendoors", table=table, source_id=str(source_id)).target


def listed(title) -> Work:
    return Work.objects.for_listing().get(title=title)


def at(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


# --- Each mapping ------------------------------------------------------------------------------------------


def test_authors_become_unclaimed_accounts_with_their_email_kept_privately_and_placeholders_dropped():
    import_dump("--yes")

    ruth = imported("authors", 1)
    assert (ruth.unclaimed_import, ruth.has_usable_password(), ruth.email) == (True, False, "")
    assert ruth.default_pseud.byline == "Ruth Naomi (imported)"
    assert ImportedAuthor.objects.get(user=ruth).email == "ruth@example.com"
    assert imported("authors", 2).default_pseud.name == "Mireille Ducré"
    # Open Doors' made-up `…Archive@ao3.org` reaches nobody: it is not kept to be sent a claim link.
    assert ImportedAuthor.objects.get(source_id="4").email == ""


def test_a_multi_chapter_story_keeps_its_dates_notes_and_chapters_in_position_order():
    import_dump("--yes")

    home = listed("The Long Way Home")
    assert (home.posted_at, home.revised_at) == (at("2005-06-01 12:00:00"), at("2005-07-15 18:30:00"))
    assert (home.summary, home.notes, home.author) == (
        "<p>Stranded, again.</p>",
        "<p>For T'Pau, who beta-read it.</p>",
        imported("authors", 1),
    )
    chapters = list(home.chapters.order_by("position"))
    assert [(c.title, c.notes) for c in chapters] == [
        ("Stranded", "<p>Set after “The Galileo Seven”.</p>"),
        ("Rescue", "<p>Thanks for waiting.</p>"),
    ]
    assert [c.posted_at for c in chapters] == [at("2005-06-01 12:00:00"), at("2005-07-15 18:30:00")]
    assert home.chapter_count == 2 and imported("chapters", 10) == chapters[1]
    assert SearchDocument.objects.filter(work=home).exists()


def test_ao3_tags_rating_warnings_categories_and_language_arrive_as_they_are():
    import_dump("--yes")

    home = listed("The Long Way Home")
    assert [t.name for t in home.fandoms] == ["Star Trek: The Original Series"]
    assert [t.name for t in home.relationships] == ["James T. Kirk/Spock"]
    assert [t.name for t in home.characters] == ["James T. Kirk", "Spock"]
    assert [t.name for t in home.additional_tags] == ["Hurt/Comfort", "Angst"]
    assert (home.rating, home.warnings, home.categories) == ("teen", ["none_apply"], ["mm"])
    cafe = listed("Café “Noir”")
    assert (cafe.language, cafe.rating, cafe.warnings, cafe.categories) == (
        "fr",
        "general",
        ["chose_not_to_warn"],
        ["gen"],
    )


def test_a_rating_or_warning_ao3_has_not_got_is_reported_and_the_story_still_arrives():
    output = import_dump("--yes")

    odd = listed("Odd Rating")
    assert (odd.rating, odd.warnings, odd.categories) == ("not_rated", ["character_death"], ["other"])
    assert [t.name for t in odd.additional_tags] == ["Mild Peril"]
    assert "rating “Adults Only” is not an AO3 rating" in output
    assert "warning “Mild Peril” is not an AO3 archive warning" in output


def test_a_tag_open_doors_could_not_map_is_left_off_and_reported():
    output = import_dump("--yes")

    assert "original tag “Sparkly Vampires” (classes) has no AO3 tag" in output
    assert not Tag.objects.filter(name="Sparkly Vampires").exists()


def test_a_co_author_is_credited_as_an_accepted_co_creator():
    import_dump("--yes")

    cafe = imported("stories", 2)
    assert cafe.author == imported("authors", 2)
    credited = Creatorship.objects.filter(work=cafe, accepted_at__isnull=False).values_list("user", flat=True)
    assert set(credited) == {imported("authors", 1).pk, imported("authors", 2).pk}


def test_do_not_import_authors_and_stories_stay_out_and_are_listed():
    output = import_dump("--yes")

    assert not Work.objects.filter(title__in=["Forbidden", "Withdrawn"]).exists()
    assert not ImportedAuthor.objects.filter(source_id="3").exists()
    assert not User.objects.filter(username__icontains="Gone").exists()
    assert "story 3 “Forbidden”: its author asked that their works not be imported" in output
    assert "story 4 “Withdrawn”: marked do not import" in output


def test_story_links_and_bookmarks_become_posted_works_that_link_to_the_story_elsewhere(client):
    output = import_dump("--yes")

    shore = listed("Shore Leave Elsewhere")
    assert (shore.author, shore.source_url, shore.rating) == (
        imported("authors", 4),
        "http://example.org/stories/shore-leave.html",
        "mature",
    )
    assert shore.posted_at == at("2004-11-20 00:00:00")
    assert [t.name for t in shore.characters] == ["Leonard McCoy"]
    assert 'href="http://example.org/stories/shore-leave.html"' in shore.chapters.get().body
    # The older `bookmarks` table, in Open Doors' older column spelling (authorId), arrives the same way.
    menagerie = imported("bookmarks", 1)
    assert (menagerie.title, menagerie.author) == ("The Menagerie, Retold", imported("authors", 1))
    page = client.get(menagerie.get_absolute_url()).content.decode()
    assert "Originally posted at" in page and "This story is hosted elsewhere" in page
    assert not Work.objects.filter(title="Lost to Time").exists()  # its link is broken
    assert "story link 2 “Lost to Time”: its link is broken or missing" in output


def test_a_dump_taken_before_open_doors_filled_the_story_columns_uses_the_tags_table(tmp_path):
    dump = tmp_path / "working.sql"
    filled = "'M/M','Hurt/Comfort, Angst','No Archive Warnings Apply','Star Trek: The Original Series','James T. Kirk, Spock','James T. Kirk/Spock'"
    text = DUMP.read_text(encoding="utf-8")
    assert filled in text
    dump.write_text(text.replace(filled, "NULL,'','','','',''"), encoding="utf-8")

    import_dump("--yes", dump=dump)

    home = listed("The Long Way Home")
    assert [t.name for t in home.relationships] == ["James T. Kirk/Spock"]
    assert [t.name for t in home.additional_tags] == ["Angst"]
    assert not Tag.objects.filter(name="Sparkly Vampires").exists()


def test_co_authors_listed_in_item_authors_are_credited_in_order(tmp_path):
    dump = tmp_path / "item_authors.sql"
    dump.write_text(
        DUMP.read_text(encoding="utf-8")
        + "CREATE TABLE `item_authors` (`id` int NOT NULL AUTO_INCREMENT, `author_id` int NOT NULL,"
        " `item_id` int NOT NULL, `item_type` enum('story','story_link','chapter'), PRIMARY KEY (`id`))"
        " DEFAULT CHARSET=utf8mb4;\n"
        "INSERT INTO `item_authors` VALUES (1,2,5,'story'),(2,1,5,'story'),(3,1,1,'story');\n",
        encoding="utf-8",
    )

    import_dump("--yes", dump=dump)

    odd = imported("stories", 5)
    assert odd.author == imported("authors", 2)
    credited = Creatorship.objects.filter(work=odd, accepted_at__isnull=False).values_list("user", flat=True)
    assert set(credited) == {imported("authors", 1).pk, imported("authors", 2).pk}
    home = imported("stories", 1)
    assert list(Creatorship.objects.filter(work=home).values_list("user", flat=True)) == [home.author_id]


# --- Dry run, reruns, resuming -----------------------------------------------------------------------------


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, Work, Chapter, Tag, Creatorship, ImportedRow, ImportedAuthor, SourceArchive)
    }


def test_the_dry_run_writes_nothing_and_says_what_it_would_make_and_what_it_could_not_map():
    before = counts()

    output = import_dump("--dry-run")

    assert counts() == before
    assert "Would make:" in output
    assert "3 accounts (imported, unclaimed)" in output and "3 works (posted)" in output
    assert "4 chapters" in output and "2 works linking to stories elsewhere" in output
    assert "Sparkly Vampires" in output and "Adults Only" in output


def test_running_twice_makes_nothing_twice():
    import_dump("--yes")
    after_first = counts()

    again = import_dump("--yes")

    assert counts() == after_first
    assert "Made: nothing" in again and "3 stories" in again


def test_an_import_stopped_midway_finishes_on_the_next_run_without_duplicates_or_gaps(tmp_path):
    def stop_at_second_story(table, source_id):
        if (table, source_id) == ("stories", 2):
            raise StopImport

    staged = stage_dump(DUMP, tmp_path / "staged.sqlite3", name="Gateworld Archive")
    with staged as archive, pytest.raises(StopImport):
        OpenDoorsImport(archive, checkpoint=stop_at_second_story).run()
    assert list(Work.objects.values_list("title", flat=True)) == ["The Long Way Home"]  # story 2 rolled back

    import_dump("--yes")

    titles = [
        "Café “Noir”",
        "Odd Rating",
        "Shore Leave Elsewhere",
        "The Long Way Home",
        "The Menagerie, Retold",
    ]
    assert sorted(Work.objects.values_list("title", flat=True)) == titles
    assert Chapter.objects.count() == 6
    assert User.objects.filter(unclaimed_import=True).count() == 3
    # Search finds every work, the one made before the stop too.
    assert sorted(SearchDocument.objects.values_list("work__title", flat=True)) == titles


# --- The command -------------------------------------------------------------------------------------------


def test_the_command_answers_a_missing_dump_in_one_line(tmp_path):
    with pytest.raises(CommandError, match="No dump at"):
        import_dump("--dry-run", dump=tmp_path / "nope.sql")


@pytest.mark.parametrize(
    "dump",
    [
        "this is not SQL at all\n",
        "CREATE TABLE phpbb_users (user_id int(11) NOT NULL);\n",
        (Path(__file__).parent / "data" / "efiction" / "efiction.sql").read_text(encoding="latin-1"),
    ],
)
def test_the_command_answers_a_dump_without_open_doors_tables_in_one_line(tmp_path, dump):
    path = tmp_path / "backup.sql"
    path.write_text(dump, encoding="latin-1")

    with pytest.raises(CommandError, match="Open Doors"):
        import_dump("--dry-run", dump=path)


def test_imported_authors_with_a_real_address_are_sent_a_claim_link(mailoutbox):
    import_dump("--yes")
    out = StringIO()

    call_command("import_opendoors", "--invite", stdout=out)

    assert out.getvalue().strip() == "Sent 2 claim links."
    assert sorted(m.to[0] for m in mailoutbox) == ["mireille@example.com", "ruth@example.com"]
    assert "Gateworld Archive" in mailoutbox[0].subject
