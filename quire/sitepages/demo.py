"""The demo archive's own pages: Terms of Service, FAQ and About, saved through the staff's service, with
every demo member having agreed to the terms (so a demo login goes straight to the archive)."""

from django.contrib.auth.models import Permission

from quire.access.writing import ARCHIVE
from quire.accounts.models import ORPHAN_USERNAME, User
from quire.accounts.services import create_user
from quire.core.text import TextFormat
from quire.sitepages.models import TERMS_SLUG, Page
from quire.sitepages.services import PageFields, agree_to_terms, create_page

# A member of staff who may edit these pages (same password as the demo authors).
EDITOR = {"username": "demo_editor", "email": "editor@demo.quire.invalid"}

PAGES = [
    (
        "about",
        "About this archive",
        0,
        """This is a **demonstration** of Quire, a self-hosted archive for fan fiction.

Everything here, the works, the writers and their reviews, was made up to show what the archive does. Log in
as any demo writer (for example `starshollowsnow`) with the password `quire-demo-2026`, or as `demo_editor`
to edit these pages.

Quire is run by fans, for fans: works belong to their creators, and readers find them by fandom,
relationship, character and tag.""",
    ),
    (
        TERMS_SLUG,
        "Terms of Service",
        1,
        """## 1. Who may join

You must be at least 13 years old to create an account. By creating one you agree to these terms.

## 2. Your works

What you post stays yours. You give this archive permission to store it, show it to the readers you choose
(everyone, or logged-in members only) and offer it as a download. You can edit, orphan or delete your works
at any time, and delete your account with them.

## 3. What is not allowed

- harassment of other members, in reviews, tags or anywhere else;
- posting someone else's work as your own;
- works that are not fan works (fan fiction, meta, and the notes that go with them are welcome);
- content that is illegal where the archive is run.

Rate your works and use the archive warnings honestly, so readers can choose what they read.

## 4. Changes

When these terms change in a way that matters, every member is asked to agree again at their next visit.
Typo fixes and clearer wording do not ask anyone anything.""",
    ),
    (
        "faq",
        "Frequently asked questions",
        2,
        """### How do I post a work?

Log in and choose **Post**. Fill in the rating, warnings, fandom and your first chapter; you can keep it
as a draft until it is ready.

### Who can read my work?

Everyone, unless you tick *Only show to registered users*. Drafts are seen by you alone.

### How do I get my works out of the archive?

Every work downloads as EPUB, HTML, plain text and PDF. **Account → Download my data** gives you everything
of yours in one zip.

### Someone is bothering me. What can I do?

Block or mute them from their profile, and report anything that breaks the
[Terms of Service](/about/terms).""",
    ),
]


def load(*, password: str) -> None:
    editor = User.objects.filter(username__iexact=EDITOR["username"]).first()
    if editor is None:
        editor = create_user(password=password, is_staff=True, **EDITOR)
    editor.user_permissions.add(
        Permission.objects.get(codename="change_page", content_type__app_label="sitepages")
    )
    for slug, title, position, body in PAGES:
        if not Page.objects.filter(slug=slug).exists():
            fields = PageFields(
                title=title, body=body, text_format=TextFormat.MARKDOWN, published=True, position=position
            )
            create_page(user=ARCHIVE, slug=slug, fields=fields)
    version = Page.objects.get(slug=TERMS_SLUG).version
    for user in User.objects.filter(is_active=True).exclude(username=ORPHAN_USERNAME):
        agree_to_terms(user=user, version=version)
