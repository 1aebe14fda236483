"""Readers finding and reading works, and never seeing what they may not."""

import pytest
from django.test import Client
from django.urls import reverse
from factories import UserFactory, make_work

from quire.works import services
from quire.works.enums import Rating

pytestmark = pytest.mark.django_db


def test_work_page_shows_metadata_in_ao3_markup(client):
    work = make_work(
        title="Come Away",
        relationships=["Jess Mariano/Rory Gilmore"],
        characters=["Rory Gilmore"],
        tags=["Road Trips"],
        notes="Thanks to my beta.",
        chapters=2,
    )
    page = client.get(work.get_absolute_url()).content.decode()
    for fragment in [
        '<dl class="work meta group">',
        '<dd class="rating tags">',
        '<dd class="fandom tags">',
        ">Jess Mariano/Rory Gilmore</a>",
        '<dd class="freeform tags">',
        '<h2 class="title heading">Come Away</h2>',
        '<h3 class="byline heading">',
        '<dd class="chapters">2/?</dd>',
        "Thanks to my beta.",
        'id="chapters"',
        'class="chapter" id="chapter-1"',
    ]:
        assert fragment in page, fragment
    assert "Chapter 2." not in page  # only the first chapter, chapter by chapter


def test_work_page_figures_have_thousands_separators(client):
    work = make_work()
    type(work).objects.filter(pk=work.pk).update(word_count=123_456, hit_count=2_500, kudos_count=1_200)
    page = client.get(work.get_absolute_url()).content.decode()
    for figure in [
        '<dd class="words">123,456</dd>',
        '<dd class="hits">2,500</dd>',
        '<dd class="kudos">1,200</dd>',
    ]:
        assert figure in page, figure


def test_chapter_pages_link_previous_and_next_and_full_work(client):
    work = make_work(chapters=3)
    one, two, three = work.chapters.order_by("position")
    page = client.get(two.get_absolute_url()).content.decode()
    assert "Chapter 2." in page and "Chapter one." not in page
    assert f'href="{one.get_absolute_url()}" rel="prev"' in page
    assert f'href="{three.get_absolute_url()}?from={two.pk}" rel="next"' in page
    full = client.get(work.get_absolute_url() + "?view_full_work=true").content.decode()
    assert all(text in full for text in ("Chapter one.", "Chapter 2.", "Chapter 3."))


def test_navigate_lists_chapters_with_dates(client):
    work = make_work(chapters=2)
    page = client.get(reverse("works:navigate", args=[work.pk])).content.decode()
    assert '<ol class="chapter index group">' in page
    assert page.count('<span class="datetime">(') == 2


def test_home_lists_recently_updated_first(client):
    old = make_work(title="Old one", age_days=5)
    new = make_work(title="New one")
    page = client.get("/").content.decode()
    assert page.index(new.title) < page.index(old.title)
    assert "Words:" in page and "Chapters:" in page


def test_author_page_lists_their_works_only(client):
    mine = make_work(title="Mine")
    make_work(title="Someone else's")
    page = client.get(reverse("accounts:profile", args=[mine.author.username])).content.decode()
    assert "Mine" in page and "Someone else" not in page
    pseud_page = client.get(mine.pseud.get_absolute_url()).content.decode()
    assert "Mine" in pseud_page


def test_adult_work_shows_notice_until_accepted_for_the_session(client):
    work = make_work(rating=Rating.EXPLICIT)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "This work could have adult content" in page and "Chapter one." not in page
    assert "Chapter one." in client.get(work.get_absolute_url() + "?view_adult=true").content.decode()
    chapter = work.chapters.get()
    assert "Chapter one." in client.get(chapter.get_absolute_url()).content.decode()


def test_adult_notice_not_shown_to_the_author(client):
    work = make_work(rating=Rating.MATURE)
    client.force_login(work.author)
    assert "Chapter one." in client.get(work.get_absolute_url()).content.decode()


def test_tag_works_page_uses_ao3_escaping(client):
    make_work(title="Literati", relationships=["Jess Mariano/Rory Gilmore"])
    page = client.get("/tags/Jess Mariano*s*Rory Gilmore/works").content.decode()
    assert "Literati" in page


# --- What nobody else may see: 404 on every page that exists -------------------------------------------


def reader_pages(work, chapter):
    return [
        work.get_absolute_url(),
        work.get_absolute_url() + "?view_full_work=true",
        chapter.get_absolute_url(),
        reverse("works:navigate", args=[work.pk]),
    ]


def author_pages(work, chapter):
    return [
        reverse("works:edit", args=[work.pk]),
        reverse("works:delete", args=[work.pk]),
        reverse("works:chapter_new", args=[work.pk]),
        reverse("works:chapters_manage", args=[work.pk]),
        reverse("works:chapter_edit", args=[work.pk, chapter.pk]),
        reverse("works:chapter_delete", args=[work.pk, chapter.pk]),
    ]


@pytest.mark.parametrize("viewer", ["guest", "reader"])
def test_draft_is_404_everywhere_and_absent_from_listings(client, viewer):
    work = make_work(title="Secret draft", posted=False, tags=["Unique Draft Tag"])
    if viewer == "reader":
        client.force_login(UserFactory())
    chapter = work.chapters.get()
    for url in reader_pages(work, chapter) + author_pages(work, chapter):
        assert client.get(url).status_code == 404, url
    for url in [
        "/",
        work.author.get_absolute_url(),
        work.pseud.get_absolute_url(),
        "/tags/Unique Draft Tag/works",
    ]:
        assert "Secret draft" not in client.get(url).content.decode(), url


def test_restricted_work_is_404_for_guests_and_readable_when_logged_in(client):
    work = make_work(title="Members only", restricted=True)
    chapter = work.chapters.get()
    for url in reader_pages(work, chapter):
        assert client.get(url).status_code == 404, url
    for url in ["/", work.author.get_absolute_url(), "/tags/Gilmore Girls/works"]:
        assert "Members only" not in client.get(url).content.decode(), url
    client.force_login(UserFactory())
    assert client.get(work.get_absolute_url()).status_code == 200
    assert "Members only" in client.get("/").content.decode()


def test_unposted_chapter_of_posted_work_is_404_for_others(client):
    work = make_work(chapters=1)
    draft = services.add_chapter(
        work=work,
        user=work.author,
        fields=services.ChapterFields(title="Secret", body="Not yet, readers."),
        post=False,
    )
    client.force_login(UserFactory())
    assert client.get(draft.get_absolute_url()).status_code == 404
    for url in [
        work.get_absolute_url(),
        work.get_absolute_url() + "?view_full_work=true",
        reverse("works:navigate", args=[work.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Not yet, readers." not in page and "Secret" not in page, url
    assert client.get(reverse("works:chapter_edit", args=[work.pk, draft.pk])).status_code == 404
    client.force_login(work.author)
    assert "Not yet, readers." in client.get(draft.get_absolute_url()).content.decode()


def test_hidden_work_is_404(client):
    from django.utils import timezone

    work = make_work(title="Hidden by a moderator")
    work.hidden_at = timezone.now()
    work.save()
    assert client.get(work.get_absolute_url()).status_code == 404
    assert "Hidden by a moderator" not in client.get("/").content.decode()


# --- A fixed number of queries, however big the archive -----------------------------------------------


def build_archive(works, chapters, tags):
    author = UserFactory()
    made = [
        make_work(
            author,
            title=f"Work {n}",
            chapters=chapters,
            tags=[f"Tag {t}" for t in range(tags)],
            characters=["Rory Gilmore"],
        )
        for n in range(works)
    ]
    return author, made


@pytest.mark.parametrize(("works", "chapters", "tags"), [(1, 1, 1), (4, 3, 5)])
def test_home_page_query_count_is_fixed(client, django_assert_num_queries, works, chapters, tags):
    build_archive(works, chapters, tags)
    with django_assert_num_queries(7):  # count, works, their tags, warnings, categories, gifts, credits
        response = client.get("/")
    assert response.content.decode().count('class="work blurb group"') == works


@pytest.mark.parametrize(("works", "chapters", "tags"), [(1, 1, 1), (4, 3, 5)])
def test_author_page_query_count_is_fixed(client, django_assert_num_queries, works, chapters, tags):
    author, _ = build_archive(works, chapters, tags)
    with django_assert_num_queries(9):
        client.get(author.get_absolute_url())


@pytest.mark.parametrize(("chapters", "tags"), [(1, 1), (6, 8)])
@pytest.mark.parametrize("full", [False, True])
def test_work_page_query_count_is_fixed(client, django_assert_num_queries, chapters, tags, full):
    _, (work,) = build_archive(1, chapters, tags)
    url = work.get_absolute_url() + ("?view_full_work=true" if full else "")
    # the work (with its warnings, categories and kudos, and whether it has gifts, chapters with creators of
    # their own, series, prompts it fills or related works: none here), tags, credits, the chapters (the shown
    # one's text with them), reviews, and the one write a page view adds (a read event)
    with django_assert_num_queries(6):
        client.get(url)


def test_a_reader_who_chose_so_sees_adult_works_without_the_notice(client):
    work = make_work(rating=Rating.EXPLICIT, tags=["Major Spoiler Tag"])
    reader = UserFactory()
    client.force_login(reader)
    assert "This work could have adult content" in client.get(work.get_absolute_url()).content.decode()
    client.post(
        reverse("accounts:settings"),
        {
            "email": reader.email,
            "email_notifications": "never",
            "time_zone": "UTC",
            "about": "",
            "view_adult": "on",
        },
    )
    reader.refresh_from_db()
    assert reader.view_adult
    other = Client()
    other.force_login(reader)  # a new session: the preference, not a session's "I accept"
    assert "Chapter one." in other.get(work.get_absolute_url()).content.decode()


def test_the_spoiler_guard_keeps_warnings_and_additional_tags_behind_a_click(client):
    work = make_work(title="Guarded", tags=["Major Spoiler Tag"])
    reader = UserFactory(hide_warnings=True, hide_additional_tags=True)
    client.force_login(reader)
    for page in (client.get("/").content.decode(), client.get(work.get_absolute_url()).content.decode()):
        assert "<summary>Show warnings</summary>" in page
        assert page.index("Show additional tags") < page.index("Major Spoiler Tag")
    client.force_login(UserFactory())
    assert "Show warnings" not in client.get(work.get_absolute_url()).content.decode()
