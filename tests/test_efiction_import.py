"""`quire import-efiction`: an eFiction 3.x archive arrives with its authors, dates, tags, co-authors, reviews,
series and favorites; the dry run writes nothing; a second run makes nothing twice; a stopped run resumes."""

import io
import re
import zipfile
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from factories import make_work
from task_queue import run_worker

from quire.accounts.models import User
from quire.collections import services as collections
from quire.collections.models import Approval, CollectionItem
from quire.creators.models import Creatorship
from quire.discovery.models import SearchDocument
from quire.exports.naming import download_url
from quire.feedback.counters import refresh_feedback_counts, refresh_hit_counts
from quire.feedback.models import Bookmark, Review
from quire.follows.models import Notification, Subscription
from quire.follows.services import subscribe
from quire.imports import mapping as mappings
from quire.imports.models import ImportedAuthor, ImportedRow, SourceArchive
from quire.imports.services import EfictionImport, StopImport
from quire.series.models import Series
from quire.tags.filters import rebuild_work_filters
from quire.tags.models import Tag
from quire.works.models import Chapter, Work
from quire.works.services import refresh_work_totals

pytestmark = pytest.mark.django_db


class FakeArchive:
    """The EfictionArchive interface (quire.imports.efiction.source) over rows held in memory, in eFiction
    3.5's columns: what the importer reads, without staging a dump."""

    prefix = "fanfiction_"

    def __init__(self, tables: dict[str, list[dict]], texts: dict[int, str | None], settings: dict):
        self.data, self.texts, self.settings = tables, texts, settings
        self.repairs = ["story 12 title: mojibake “Ã©” read as “é”"]
        self.missing_files = [f"stories/2/{chapid}.txt" for chapid, text in texts.items() if text is None]

    def tables(self) -> set[str]:
        return set(self.data)

    def rows(self, table, where="", params=(), order_by=""):
        rows = list(self.data.get(table, []))
        conditions = [part.split("=")[0].strip() for part in where.split(" AND ")] if where else []
        for column, value in zip(conditions, params, strict=True):
            rows = [row for row in rows if row[column] == value]
        for column in reversed([c.strip() for c in order_by.split(",") if c.strip()]):
            rows.sort(key=lambda row: row[column])
        yield from (dict(row) for row in rows)

    def count(self, table, where="", params=()) -> int:
        return sum(1 for _ in self.rows(table, where, params))

    def chapter_text(self, chapter):
        return self.texts.get(chapter["chapid"])


def story(sid, uid, title, **extra):
    return {
        "sid": sid, "title": title, "summary": f"Summary of {title}.", "storynotes": "", "catid": "1",
        "classes": "", "charid": "", "rid": "1", "date": "2006-02-09 22:21:35",
        "updated": "2006-02-09 22:21:35", "uid": uid, "coauthors": None, "featured": "0", "validated": "1",
        "completed": "0", "rr": "0", "wordcount": 0, "rating": 0, "reviews": 0, "count": 0,
        "challenges": "0", **extra,
    }  # fmt: skip


def chapter(chapid, sid, inorder, uid, **extra):
    return {
        "chapid": chapid, "title": f"Chapter {inorder}", "inorder": inorder, "notes": "", "storytext": None,
        "endnotes": None, "validated": "1", "wordcount": 0, "rating": 0, "reviews": 0, "sid": sid, "uid": uid,
        "count": 0, **extra,
    }  # fmt: skip


def review(reviewid, item, chapid, reviewer, uid, text, date, type="ST"):
    return {
        "reviewid": reviewid, "item": item, "chapid": chapid, "reviewer": reviewer, "uid": uid, "review": text,
        "date": date, "rating": 0, "respond": "0", "type": type,
    }  # fmt: skip


def author(uid, penname, email):
    return {
        "uid": uid, "penname": penname, "realname": "", "email": email, "website": "", "bio": "", "image": "",
        "date": "2005-06-01 12:00:00", "admincreated": "0", "password": "0",
    }  # fmt: skip


def make_archive() -> FakeArchive:
    tables = {
        "settings": [],
        "authors": [
            author(1, "Pen Name One", "one@example.com"),
            author(2, "Ünïcode Writer", "two@example.com"),
            author(3, "Reviewer Three", "three@example.com"),
        ],
        "ratings": [
            {"rid": 1, "rating": "All Ages", "ratingwarning": "0", "warningtext": ""},
            {"rid": 2, "rating": "Teen", "ratingwarning": "0", "warningtext": ""},
            {"rid": 3, "rating": "Adult", "ratingwarning": "1", "warningtext": ""},
            {"rid": 4, "rating": "Blue Moon", "ratingwarning": "0", "warningtext": ""},
        ],
        "categories": [
            {
                "catid": 1,
                "parentcatid": -1,
                "category": "Stargate SG-1",
                "description": "",
                "image": "",
                "locked": "0",
                "leveldown": 0,
                "displayorder": 1,
                "numitems": 2,
            },
            {
                "catid": 2,
                "parentcatid": -1,
                "category": "Slash Pairings",
                "description": "",
                "image": "",
                "locked": "0",
                "leveldown": 0,
                "displayorder": 2,
                "numitems": 0,
            },
            {
                "catid": 3,
                "parentcatid": 2,
                "category": "Jack/Daniel",
                "description": "",
                "image": "",
                "locked": "0",
                "leveldown": 1,
                "displayorder": 1,
                "numitems": 1,
            },
        ],  # fmt: skip
        "characters": [
            {"charid": 1, "catid": 1, "charname": "Jack O'Neill", "bio": "", "image": ""},
            {"charid": 2, "catid": 1, "charname": "Daniel Jackson", "bio": "", "image": ""},
        ],
        "classtypes": [
            {"classtype_id": 1, "classtype_name": "genres", "classtype_title": "Genres"},
            {"classtype_id": 2, "classtype_name": "warnings", "classtype_title": "Warnings"},
        ],
        "classes": [
            {"class_id": 1, "class_type": 1, "class_name": "Angst"},
            {"class_id": 3, "class_type": 2, "class_name": "Character Death"},
            {"class_id": 4, "class_type": 2, "class_name": "Language"},
        ],
        "stories": [
            story(
                10,
                1,
                "Moebius",
                catid="1,3",
                charid="1,2",
                classes="1,3,4",
                rid="3",
                completed="1",
                storynotes="For my beta.",
                updated="2006-03-01 10:00:00",
            ),
            story(11, 2, "Unfinished Business", validated="0"),
            story(12, 1, "日本語の物語", rid="4", classes="", catid="1"),
        ],  # fmt: skip
        "chapters": [
            chapter(101, 10, 2, 1, title="The Return", endnotes="<p>Thanks for reading.</p>"),
            chapter(100, 10, 1, 1, title="The Loop", notes="<p>Set after season 8.</p>"),
            chapter(110, 11, 1, 2),
            chapter(120, 12, 1, 1),
        ],
        "coauthors": [{"sid": 12, "uid": 2}],
        "reviews": [
            review(
                1,
                10,
                101,
                "Reviewer Three",
                3,
                "Loved the ending!<br><br><i>Author's Response: Thank you so much!</i>",
                "2006-03-02 08:30:00",
            ),
            review(2, 10, 999, "A Guest", 0, "Where did chapter 3 go?", "2006-03-05 09:00:00"),
            review(3, 5, 0, "Reviewer Three", 3, "A fine series.", "2006-03-06 09:00:00", type="SE"),
        ],  # fmt: skip
        "series": [
            {
                "seriesid": 5,
                "title": "The Loop Saga",
                "summary": "Both of them.",
                "uid": 1,
                "isopen": 0,
                "catid": "1",
                "classes": "",
                "rating": 0,
                "warnings": "",
                "genres": "",
                "characters": "",
                "reviews": 0,
                "challenges": "",
                "numstories": 2,
            },
        ],  # fmt: skip
        "inseries": [
            {"seriesid": 5, "sid": 10, "subseriesid": 0, "confirmed": 1, "inorder": 2},
            {"seriesid": 5, "sid": 12, "subseriesid": 0, "confirmed": 1, "inorder": 1},
        ],
        "favorites": [
            {"uid": 3, "item": 10, "type": "ST", "comments": "A classic."},
            {"uid": 3, "item": 1, "type": "AU", "comments": ""},
            {"uid": 3, "item": 5, "type": "SE", "comments": ""},
        ],
    }
    texts = {
        100: "<p>One two three four five.</p>",
        101: "<p>Six seven eight.</p>",
        110: None,  # its file is missing from the stories folder
        120: "<p>これは日本語の物語です。</p>",
    }
    settings = {"sitekey": "Xk3p", "sitename": "Gateworld Archive", "url": "http://archive.example"}
    return FakeArchive(tables, texts, settings)


def run_import(archive=None, **options):
    archive = archive or make_archive()
    return EfictionImport(archive, mapping=mappings.propose(archive), **options).run()


def imported(table, source_id):
    row = ImportedRow.objects.get(table=table, source_id=str(source_id))
    return row.target


def at(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


# --- Each mapping ------------------------------------------------------------------------------------------


def test_authors_become_unclaimed_accounts_under_their_pen_names_with_their_email_kept_privately():
    run_import()

    one = imported("authors", 1)
    assert (one.username, one.unclaimed_import, one.has_usable_password()) == ("Pen_Name_One", True, False)
    assert one.default_pseud.byline == "Pen Name One (imported)"
    assert one.email == ""  # nothing is mailed to an author who has not claimed the account
    assert ImportedAuthor.objects.get(user=one).email == "one@example.com"
    assert imported("authors", 2).default_pseud.name == "Ünïcode Writer"


def test_a_story_keeps_its_dates_notes_completion_and_chapters_in_order():
    run_import()

    work = imported("stories", 10)
    assert (work.posted_at, work.revised_at) == (at("2006-02-09 22:21:35"), at("2006-03-01 10:00:00"))
    assert (work.summary, work.notes, work.author) == (
        "Summary of Moebius.",
        "For my beta.",
        imported("authors", 1),
    )
    chapters = list(work.chapters.order_by("position"))
    assert [(c.title, c.notes, c.end_notes) for c in chapters] == [
        ("The Loop", "<p>Set after season 8.</p>", ""),
        ("The Return", "", "<p>Thanks for reading.</p>"),
    ]
    assert chapters[0].posted_at == at("2006-02-09 22:21:35")
    assert (work.word_count, work.chapter_count, work.is_complete) == (8, 2, True)
    assert SearchDocument.objects.filter(work=work).exists()


def test_categories_characters_classes_and_ratings_map_to_tags_warnings_and_ratings():
    run_import()

    work = Work.objects.for_listing().get(pk=imported("stories", 10).pk)
    assert [t.name for t in work.fandoms] == ["Stargate SG-1"]
    assert [t.name for t in work.relationships] == ["Jack/Daniel"]
    assert [t.name for t in work.characters] == ["Jack O'Neill", "Daniel Jackson"]
    assert [t.name for t in work.additional_tags] == ["Angst", "Language"]
    assert work.warnings == ["character_death"]
    assert work.rating == "explicit"
    assert not Tag.objects.filter(name="Slash Pairings").exists()  # a heading over pairings, not a fandom
    other = Work.objects.for_listing().get(pk=imported("stories", 12).pk)
    assert (other.warnings, other.rating) == (["chose_not_to_warn"], "not_rated")


def test_an_unvalidated_story_arrives_as_its_authors_draft_and_a_missing_chapter_file_is_reported():
    report = run_import()

    draft = imported("stories", 11)
    assert (draft.posted_at, draft.author) == (None, imported("authors", 2))
    assert "missing" in draft.chapters.get().body
    assert report.missing_files == ["stories/2/110.txt"]


def test_co_authors_are_credited_as_accepted_co_creators():
    run_import()

    work = imported("stories", 12)
    credited = Creatorship.objects.filter(work=work, accepted_at__isnull=False).values_list("user", flat=True)
    assert set(credited) == {imported("authors", 1).pk, imported("authors", 2).pk}


def test_reviews_keep_their_chapter_date_and_name_and_the_authors_response_becomes_a_writers_reply():
    run_import()

    work = imported("stories", 10)
    first, second = work.chapters.order_by("position")
    loved = Review.objects.get(work=work, parent=None, chapter=second)
    assert (loved.body, loved.user, loved.created_at) == (
        "Loved the ending!",
        imported("authors", 3),
        at("2006-03-02 08:30:00"),
    )
    reply = loved.replies.get()
    assert (reply.body, reply.user) == ("Thank you so much!", imported("authors", 1))
    guest = Review.objects.get(work=work, guest_name="A Guest")
    assert guest.chapter == first  # its chapter is gone from the archive
    assert Work.objects.get(pk=work.pk).review_count == 3


def test_a_series_keeps_its_order_and_favorites_become_bookmarks_and_subscriptions():
    run_import()

    series = imported("series", 5)
    assert [entry.work.title for entry in series.entries.order_by("position")] == ["日本語の物語", "Moebius"]
    reader = imported("authors", 3)
    bookmark = Bookmark.objects.get(user=reader)
    assert (bookmark.work, bookmark.note) == (imported("stories", 10), "A classic.")
    assert set(Subscription.objects.filter(user=reader).values_list("author", "series")) == {
        (imported("authors", 1).pk, None),
        (None, series.pk),
    }
    assert imported("stories", 10).bookmark_count == 1
    assert_derived_as_made_one_by_one()


# --- Dry run, reruns, resuming -----------------------------------------------------------------------------


def counts():
    return {model.__name__: model.objects.count() for model in (User, Work, Chapter, Review, Tag, Series,
            Bookmark, Subscription, ImportedRow, SourceArchive)}  # fmt: skip


def test_the_dry_run_writes_nothing_and_says_what_it_would_make_and_what_it_could_not_map():
    before = counts()

    report = run_import(dry_run=True)

    assert counts() == before
    assert report.made["works (posted)"] == 2 and report.made["works (drafts)"] == 1
    assert report.made["accounts (imported, unclaimed)"] == 3
    text = "\n".join(report.lines())
    assert "Blue Moon" in text  # a rating no Quire rating fits
    assert "1 reviews of series" in text
    assert "stories/2/110.txt" in text and "mojibake" in text


def test_running_twice_makes_nothing_twice():
    run_import()
    after_first = counts()

    second = run_import()

    assert counts() == after_first
    assert not any(second.made.values())
    assert second.already["stories"] == 3


def test_an_import_stopped_midway_finishes_on_the_next_run_without_duplicates_or_gaps():
    def stop_at_second_story(table, source_id):
        if (table, source_id) == ("stories", 11):
            raise StopImport

    with pytest.raises(StopImport):
        run_import(checkpoint=stop_at_second_story)
    assert list(Work.objects.values_list("title", flat=True)) == ["Moebius"]  # story 11 was rolled back whole

    run_import()

    assert sorted(Work.objects.values_list("title", flat=True)) == sorted(
        ["Moebius", "Unfinished Business", "日本語の物語"]
    )
    assert Chapter.objects.count() == 4
    assert Review.objects.filter(parent=None).count() == 2
    # Search finds every posted work, the one made before the stop too.
    assert sorted(SearchDocument.objects.values_list("work__title", flat=True)) == ["Moebius", "日本語の物語"]
    # Totals, filters and counts are made for a batch of works at once; the work made before the stop has
    # them as if it had been made a work at a time.
    assert_derived_as_made_one_by_one()


def _derived() -> dict:
    return {
        work.pk: (
            work.word_count,
            work.chapter_count,
            work.review_count,
            work.bookmark_count,
            work.hit_count,
            sorted(work.filed_under),
            work.is_crossover,
            sorted(work.filters.values_list("tag_id", flat=True)),
        )
        for work in Work.objects.all()
    }


def assert_derived_as_made_one_by_one():
    made = _derived()
    posted = set(Work.objects.filter(posted_at__isnull=False).values_list("pk", flat=True))
    assert posted and all(made[pk][0] for pk in posted)  # their words are counted
    ids = list(made)
    for work in Work.objects.all():
        refresh_work_totals(work)
    rebuild_work_filters(ids)
    refresh_feedback_counts(ids)
    refresh_hit_counts(ids)
    assert made == _derived()


def test_imported_history_notifies_nobody_even_the_followers_of_an_imported_author(
    django_capture_on_commit_callbacks, mailoutbox
):
    def stop_at_first_story(table, source_id):
        if table == "stories":
            raise StopImport

    with pytest.raises(StopImport):
        run_import(checkpoint=stop_at_first_story)
    reader = User.objects.create(username="reader", email="reader@example.com")
    for uid in (1, 2):  # between the runs, a member follows the imported authors
        subscribe(user=reader, author=imported("authors", uid))

    with django_capture_on_commit_callbacks(execute=True):
        run_import()
    run_worker()

    assert Work.objects.count() == 3
    assert not Notification.objects.filter(user=reader).exists()
    assert not [mail for mail in mailoutbox if "reader@example.com" in mail.to]
    # Each work is still found by search once the import made it whole.
    assert SearchDocument.objects.filter(work__title="Moebius").count() == 1


# --- The mapping file and the command ----------------------------------------------------------------------


def test_an_edited_mapping_file_changes_what_categories_become(tmp_path):
    archive = make_archive()
    proposal = mappings.propose(archive)
    path = tmp_path / "mapping.toml"
    text = mappings.dumps(proposal, archive_name="Gateworld Archive")
    text = text.replace("fandoms = []", 'fandoms = ["Stargate"]')
    text = text.replace('"1" = { kind = "fandom", name = "Stargate SG-1"', '"1" = { kind = "skip", name = ""')
    path.write_text(text, encoding="utf-8")

    EfictionImport(archive, mapping=mappings.load(path, proposal)).run()

    work = Work.objects.for_listing().get(pk=imported("stories", 10).pk)
    assert [t.name for t in work.fandoms] == ["Stargate"]


def test_a_mapping_file_with_an_unknown_kind_is_refused_with_where_and_why(tmp_path):
    archive = make_archive()
    path = tmp_path / "mapping.toml"
    path.write_text('[characters]\n"1" = { kind = "villain", name = "Ba\'al" }\n', encoding="utf-8")

    with pytest.raises(mappings.MappingError, match=r"\[characters\] 1.*“villain” is not one of"):
        mappings.load(path, mappings.propose(archive))


def test_the_command_answers_a_missing_dump_in_one_line(tmp_path):
    with pytest.raises(CommandError, match="No dump at"):
        call_command("import_efiction", "--sql", str(tmp_path / "nope.sql"), "--dry-run", stdout=StringIO())


# --- The fixture archive, through the command --------------------------------------------------------------

FIXTURE = Path(__file__).parent / "data" / "efiction"


def import_fixture(*options) -> str:
    out = StringIO()
    call_command(
        "import_efiction",
        "--sql",
        str(FIXTURE / "efiction.sql"),
        "--stories",
        str(FIXTURE / "stories"),
        *options,
        stdout=out,
    )
    return out.getvalue()


def test_the_command_dry_run_on_a_dump_writes_nothing_and_names_the_missing_file_and_the_repairs():
    before = counts()

    output = import_fixture("--dry-run")

    assert counts() == before
    assert "Would make:" in output and "4 works (posted)" in output and "1 works (drafts)" in output
    assert "stories/4/5.txt" in output
    assert "stories 2, title: cp1252 in latin1 table" in output
    assert '"1" = { kind = "fandom", name = "Star Trek"' in output  # the proposed mapping, to edit


def test_the_command_imports_the_fixture_archive_with_its_history():
    output = import_fixture("--yes")

    assert "Made:" in output
    home = Work.objects.for_listing().get(title="The Long Way Home")
    assert ([t.name for t in home.fandoms], [t.name for t in home.relationships]) == (
        ["Star Trek"],
        ["Kirk/Spock"],
    )
    assert home.posted_at == at("2005-06-01 12:00:00") and home.revised_at == at("2005-07-15 18:30:00")
    assert [c.title for c in home.chapters.order_by("position")] == ["Stranded", "Rescue"]
    assert home.hit_count == 120  # eFiction's hit counter
    assert sorted(p.byline for p in (c.pseud for c in home.creatorships.all())) == [
        "Mireille Ducré (imported)",
        "Ruth Naomi (imported)",
    ]
    loved = Review.objects.get(work=home, body__startswith="Loved the shuttle scene!")
    assert loved.replies.get().user == home.author
    cafe = Work.objects.get(title="Café “Noir”")
    assert "“Bonjour,” dit-elle" in cafe.chapters.get().body
    spring = Work.objects.get(title="春の物語")
    assert "桜が咲いていた" in spring.chapters.get(position=1).body
    assert spring.chapters.get(position=2).posted_at is None  # its file is missing: left for its writer
    assert Work.objects.get(title="Three's Company").posted_at is None  # never validated
    cycle = Series.objects.get(title="The Enterprise Cycle")
    assert [e.work.title for e in cycle.entries.order_by("position")] == ["The Long Way Home", "Shore Leave"]

    again = import_fixture("--yes")

    assert "Made: nothing" in again and "5 stories" in again
    assert Work.objects.count() == 5


@pytest.mark.parametrize(
    "dump", ["this is not SQL at all\n", "CREATE TABLE phpbb_users (user_id int(11) NOT NULL);\n"]
)
def test_the_command_answers_a_dump_that_is_no_efiction_archive_in_one_line(tmp_path, dump):
    path = tmp_path / "backup.sql"
    path.write_text(dump)

    with pytest.raises(CommandError, match="eFiction"):
        call_command("import_efiction", "--sql", str(path), "--dry-run", stdout=StringIO())


# --- Old addresses -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/viewstory.php?sid=10", lambda: imported("stories", 10).get_absolute_url()),
        (
            "/viewstory.php?sid=10&chapter=2",
            lambda: imported("stories", 10).chapters.get(position=2).get_absolute_url(),
        ),
        ("/viewuser.php?uid=1", lambda: imported("authors", 1).get_absolute_url()),
        (
            "/browse.php?type=categories&catid=3",
            lambda: Tag.objects.get(name="Jack/Daniel").get_absolute_url(),
        ),
        ("/viewseries.php?seriesid=5", lambda: imported("series", 5).get_absolute_url()),
        ("/reviews.php?type=ST&item=10", lambda: f"/works/{imported('stories', 10).pk}/reviews"),
        ("/reviews.php?reviewid=1", lambda: imported("reviews", 1).get_absolute_url()),
    ],
)
def test_the_old_efiction_addresses_redirect_permanently_to_their_new_pages(client, old, new):
    run_import()

    response = client.get(old)

    assert (response.status_code, response["Location"]) == (301, new())


@pytest.mark.parametrize(
    "old",
    [
        "/viewstory.php?sid=11",  # a draft: its writer's alone
        "/viewstory.php?sid=999",
        "/viewstory.php?sid=ten",
        "/viewuser.php",
        "/browse.php?type=categories&catid=2",  # a heading that became no tag
        "/reviews.php?type=SE&item=5",
    ],
)
def test_an_old_address_of_nothing_the_reader_may_see_is_not_found(client, old):
    run_import()

    assert client.get(old).status_code == 404


# A redirect reads what it needs to know the reader may follow it, never the work's blurb nor a chapter's
# text (bench/budgets.py times these on its hostile archive).
@pytest.mark.parametrize(
    ("old", "queries"),
    [
        ("/viewstory.php?sid=10", 2),  # the imported row; the work, if the reader may open it
        ("/viewstory.php?sid=10&chapter=2", 3),  # and the chapter's ids
        ("/viewuser.php?uid=1", 2),
        ("/viewseries.php?seriesid=5", 2),
        ("/browse.php?type=categories&catid=3", 3),  # and whether a work the reader may see uses the tag
        ("/reviews.php?type=ST&item=10", 2),
        ("/reviews.php?reviewid=1", 4),  # the row, the review's ids, the work, the review shown
        ("/viewstory.php?sid=999", 1),
    ],
)
def test_an_old_link_answers_in_a_few_queries(client, old, queries, django_assert_num_queries):
    run_import()

    with django_assert_num_queries(queries):
        response = client.get(old)

    assert response.status_code == (404 if "999" in old else 301)


@pytest.mark.parametrize("more_works", (0, 5))
def test_the_claim_page_reads_two_queries_however_many_works_it_counts(
    client, mailoutbox, more_works, django_assert_num_queries
):
    link = invited_link(mailoutbox)
    account = ImportedAuthor.objects.get(source_id="1").user
    for number in range(more_works):
        make_work(account, title=f"Another {number}", posted=number % 2 == 0)

    with django_assert_num_queries(2):  # the link's author; the count of their works
        page = client.get(link).content.decode()

    assert f"your {2 + more_works} stories came with it" in page


def _page_of(response) -> bytes:
    # A page as it reads, less the form token every answer draws anew.
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)


def test_an_old_link_to_a_review_on_an_unposted_chapter_tells_a_reader_nothing(client, reader):
    # eFiction's unvalidated chapters arrive unposted, their reviews with them: a link to such a review must
    # not say the chapter exists, nor give its address, to anyone but its writer.
    run_import()
    moebius = Work.objects.get(title="Moebius")
    Chapter.objects.filter(work=moebius, position=2).update(posted_at=None)

    for viewer in (None, reader):
        if viewer:
            client.force_login(viewer)
        # The same page as for a review never imported, but for the address in its "Log in" link.
        never_imported = _page_of(client.get("/reviews.php?reviewid=999")).replace(b"%3D999", b"%3D1")
        response = client.get("/reviews.php?reviewid=1")
        assert (response.status_code, _page_of(response)) == (404, never_imported)
    client.force_login(moebius.author)
    assert client.get("/reviews.php?reviewid=1")["Location"] == imported("reviews", 1).get_absolute_url()


def test_a_name_already_another_kind_of_tag_is_left_off_and_reported_and_the_story_still_arrives():
    Tag.objects.create(name="Angst", type="fandom")
    archive = make_archive()
    archive.data["characters"].append(
        {"charid": 3, "catid": 1, "charname": "Stargate SG-1", "bio": "", "image": ""}
    )
    archive.data["stories"][0]["charid"] = "1,2,3"

    report = run_import(archive)

    work = Work.objects.for_listing().get(pk=imported("stories", 10).pk)
    assert [t.name for t in work.additional_tags] == ["Language"]
    assert [t.name for t in work.characters] == ["Jack O'Neill", "Daniel Jackson"]
    text = "\n".join(report.lines())
    assert "“Angst” is already" in text
    assert "“Stargate SG-1” is already a fandom" in text


# --- Claiming ----------------------------------------------------------------------------------------------


def claim_link(mailbox, address) -> str:
    message = next(m for m in mailbox if m.to == [address])
    return "/claim/" + message.body.split("/claim/")[1].split()[0]


def test_an_imported_author_claims_their_stories_from_the_emailed_link_once(client, mailoutbox):
    run_import()
    out = StringIO()
    call_command("import_efiction", "--invite", stdout=out)
    assert out.getvalue().strip() == "Sent 3 claim links."
    link = claim_link(mailoutbox, "one@example.com")

    page = client.get(link)
    assert "Claim your stories, Pen Name One" in page.content.decode()
    assert "one@example.com" not in page.content.decode()  # the address is never shown
    response = client.post(
        link,
        {
            "username": "penone",
            "email": "new@example.com",
            "password1": "a long pass phrase 42",
            "password2": "a long pass phrase 42",
        },
    )

    author = User.objects.get(username="penone")
    assert response["Location"] == author.get_absolute_url()
    assert (author.unclaimed_import, author.default_pseud.byline) == (False, "Pen Name One (penone)")
    work = Work.objects.get(title="Moebius")
    assert (work.author, work.posted_at) == (author, at("2006-02-09 22:21:35"))
    assert client.get(author.get_absolute_url()).status_code == 200
    assert client.get(link).status_code == 404  # single-use
    call_command("import_efiction", "--invite", stdout=out)
    assert len(mailoutbox) == 3  # nobody is invited twice


# --- Claiming into an existing account, or giving the works up ----------------------------------------------


def invited_link(mailbox, address="one@example.com") -> str:
    run_import()
    call_command("import_efiction", "--invite", stdout=StringIO())
    return claim_link(mailbox, address)


def test_a_member_logs_in_from_the_claim_link_and_the_imported_works_move_to_a_pseud_of_theirs(
    client, writer, mailoutbox
):
    link = invited_link(mailoutbox)
    imported_account = ImportedAuthor.objects.get(source_id="1").user
    client.force_login(writer)

    assert "Move my stories to" in client.get(link).content.decode()
    response = client.post(link, {"action": "merge"})

    moebius = Work.objects.get(title="Moebius")
    assert (moebius.author, moebius.pseud.name) == (writer, "Pen Name One")
    assert response["Location"] == moebius.pseud.get_absolute_url()
    assert moebius.pseud.byline == f"Pen Name One ({writer.username})"
    assert (moebius.posted_at, moebius.revised_at) == (at("2006-02-09 22:21:35"), at("2006-03-01 10:00:00"))
    loved = Review.objects.get(work=moebius, body__contains="Loved the ending")
    assert (Review.objects.filter(work=moebius).count(), loved.replies.get().user) == (3, writer)
    # The co-created story and the series are credited to the member's new pseud.
    shared = Work.objects.get(title="日本語の物語")
    assert sorted(c.pseud.byline for c in shared.creatorships.all()) == [
        f"Pen Name One ({writer.username})",
        "Ünïcode Writer (imported)",
    ]
    saga = Series.objects.get(title="The Loop Saga")
    assert list(saga.creatorships.values_list("user", flat=True)) == [writer.pk]
    assert not User.objects.filter(pk=imported_account.pk).exists()  # the imported account is closed
    assert client.get(link).status_code == 404  # single-use
    assert client.get("/viewuser.php?uid=1")["Location"] == writer.get_absolute_url()

    report = run_import()  # a second run makes nothing twice, and invites nobody again
    assert not report.made and Work.objects.count() == 3
    call_command("import_efiction", "--invite", stdout=StringIO())
    assert len(mailoutbox) == 3


def test_an_imported_readers_reviews_and_bookmarks_move_to_the_member_who_claims_them(
    client, reader, mailoutbox
):
    link = invited_link(mailoutbox, "three@example.com")
    client.force_login(reader)

    client.post(link, {"action": "merge"})

    moebius = Work.objects.get(title="Moebius")
    review = Review.objects.get(work=moebius, body__contains="Loved the ending")
    assert (review.user, review.pseud.name) == (reader, "Reviewer Three")
    assert Bookmark.objects.get(work=moebius).user == reader
    saga = Series.objects.get(title="The Loop Saga")
    assert set(Subscription.objects.filter(user=reader).values_list("author", "series")) == {
        (Work.objects.get(title="Moebius").author_id, None),
        (None, saga.pk),
    }


def test_an_imported_author_has_their_works_orphaned_after_confirming(client, mailoutbox):
    link = invited_link(mailoutbox)

    asked = client.post(link, {"action": "orphan"})

    assert "Yes, orphan my stories" in asked.content.decode()
    assert Work.objects.get(title="Moebius").author.username == "Pen_Name_One"  # nothing yet
    client.post(link, {"action": "orphan", "confirm": "yes"})
    # As when an account is deleted, the readers' reviews stay and the author's own reply goes.

    moebius = Work.objects.get(title="Moebius")
    assert moebius.author.username == "orphan_account"
    assert (moebius.posted_at, Review.objects.filter(work=moebius).count()) == (at("2006-02-09 22:21:35"), 2)
    assert not User.objects.filter(username="Pen_Name_One").exists()
    assert client.get(link).status_code == 404
    assert not run_import().made  # a rerun does not bring the account back


def test_an_imported_author_has_their_works_removed_after_confirming(client, mailoutbox):
    link = invited_link(mailoutbox)

    client.post(link, {"action": "delete", "confirm": "yes"})

    assert not Work.objects.filter(title="Moebius").exists()
    # The story written with a co-author stays, credited to the co-author alone.
    shared = Work.objects.get(title="日本語の物語")
    assert [c.pseud.name for c in shared.creatorships.all()] == ["Ünïcode Writer"]
    assert client.get(link).status_code == 404


def test_until_claimed_the_byline_says_imported_and_the_email_shows_nowhere(client):
    run_import()
    moebius = Work.objects.get(title="Moebius")
    author = moebius.author

    for page in (moebius.get_absolute_url(), author.get_absolute_url(), f"/api/v1/works/{moebius.pk}"):
        text = client.get(page).content.decode()
        assert "one@example.com" not in text
    assert "Pen Name One (imported)" in client.get(moebius.get_absolute_url()).content.decode()


def test_every_api_surface_feed_catalog_and_download_names_an_unclaimed_author_as_the_web_does(
    client, settings, tmp_path
):
    # One rule (Pseud.shown_name): the API's pseud fields, feeds, catalogs and files say "(imported)" as the
    # web's bylines do, and no answer holds the address the import kept for the claim link.
    settings.EXPORTS_DIR = tmp_path / "exports"
    run_import()
    moebius, shared = Work.objects.get(title="Moebius"), Work.objects.get(title="日本語の物語")
    author = moebius.author
    reviewer = User.objects.get(imported_as__source_id="3")
    keeper = User.objects.create_user(username="keeper", email="keeper@example.org", password="x")
    fest = collections.create_collection(
        user=keeper, fields=collections.CollectionFields(name="gateworld", title="Gateworld")
    )
    collections.add_work(collection=fest, work=moebius, user=keeper)
    collections.add_bookmark(collection=fest, bookmark=Bookmark.objects.get(user=reviewer), user=keeper)
    CollectionItem.objects.filter(collection=fest).update(creator_approval=Approval.APPROVED)

    answers = {
        path: client.get(f"/api/v1/{path}")
        for path in (
            f"works/{moebius.pk}",
            f"works/{shared.pk}",
            "works",
            "works/search?q=Moebius",
            f"users/{author.username}/works",
            "tags/Stargate SG-1/works",
            f"works/{moebius.pk}/chapters",
            f"works/{moebius.pk}/chapters/{moebius.chapters.first().pk}",
            "collections/gateworld/works",
            "collections/gateworld/bookmarks",
        )
    }

    for path, answer in answers.items():
        assert answer.status_code == 200, path
        text = answer.content.decode()
        assert [a for a in ("one@", "two@", "three@") if f"{a}example.com" in text] == [], path
    pen_name = "Pen Name One (imported)"
    detail = answers[f"works/{moebius.pk}"].json()
    assert (detail["author"], detail["creators"][0]["pseud"]) == (
        {"username": author.username, "pseud": pen_name},
        pen_name,
    )
    assert [c["pseud"] for c in answers[f"works/{shared.pk}"].json()["creators"]] == [
        pen_name,
        "Ünïcode Writer (imported)",
    ]
    for path in (
        "works",
        "works/search?q=Moebius",
        f"users/{author.username}/works",
        "collections/gateworld/works",
    ):
        found = next(w for w in answers[path].json()["results"] if w["id"] == moebius.pk)
        assert found["author"]["pseud"] == pen_name, path
    bookmark = answers["collections/gateworld/bookmarks"].json()["results"][0]
    assert (bookmark["bookmarker"], bookmark["work"]["author"]["pseud"]) == (
        "Reviewer Three (imported)",
        pen_name,
    )
    # The web, a feed, the public catalog and a download name them alike.
    assert pen_name in client.get(moebius.get_absolute_url()).content.decode()
    assert (
        f"<name>{pen_name}</name>" in client.get(f"/users/{author.username}/works/feed.atom").content.decode()
    )
    assert f"<name>{pen_name}</name>" in client.get("/opds/recent").content.decode()
    epub = client.get(download_url(moebius, "epub"))
    with zipfile.ZipFile(io.BytesIO(b"".join(epub.streaming_content))) as book:
        assert f">{pen_name}</dc:creator>" in book.read("EPUB/content.opf").decode()
