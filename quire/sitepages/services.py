"""Writes: saving a page (by staff on the site, or the demo), and a member agreeing to the terms."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quire.access.writing import ensure_may_edit_pages
from quire.core import text
from quire.sitepages import selectors
from quire.sitepages.models import RESERVED_SLUGS, Page, PageRevision, TermsAgreement


@dataclass(frozen=True)
class PageFields:
    title: str
    body: str
    text_format: str = text.TextFormat.MARKDOWN
    published: bool = False
    position: int = 0


class StaleEdit(Exception):
    """The page was saved by someone else since this edit began."""

    message = (
        "Someone else saved this page after you opened it. Your text is kept below: "
        "open the page again in another tab to see their changes, then save yours."
    )


def _forget_index() -> None:
    # At once, for this request's next read, and again after the commit, so another request cannot have
    # cached the old index in between.
    selectors.forget()
    transaction.on_commit(selectors.forget)


def _apply(page: Page, fields: PageFields, *, user, terms_changed: bool) -> Page:
    page.title = text.single_line(fields.title)
    page.body = fields.body
    page.text_format = fields.text_format
    page.body_html = text.render(fields.body, fields.text_format)
    page.sanitizer_version = text.SANITIZER_VERSION
    page.published = fields.published
    page.position = fields.position
    page.updated_at = timezone.now()
    page.revision += 1
    if terms_changed and page.is_terms:
        page.version += 1
    page.save()
    PageRevision.objects.create(
        page=page,
        revision=page.revision,
        version=page.version,
        title=page.title,
        body=page.body,
        text_format=page.text_format,
        published=page.published,
        terms_changed=terms_changed and page.is_terms,
        edited_by=user if getattr(user, "pk", None) else None,
    )
    _forget_index()
    return page


@transaction.atomic
def create_page(*, user, slug: str, fields: PageFields) -> Page:
    ensure_may_edit_pages(user)
    slug = slug.strip().lower()
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": f"“{slug}” is part of the site's own addresses; choose another."})
    page = Page(slug=slug, title=fields.title)
    page.full_clean(exclude=["body_html", "title", "body"])
    return _apply(page, fields, user=user, terms_changed=False)


@transaction.atomic
def edit_page(
    *, user, page_id: int, fields: PageFields, from_revision: int, terms_changed: bool = False
) -> Page:
    """Save an edit begun at `from_revision`. `terms_changed` (the Terms of Service only) raises the version,
    so every member is asked to agree again; a typo fix leaves it, and nobody is asked."""
    ensure_may_edit_pages(user)
    page = Page.objects.select_for_update().get(pk=page_id)
    if page.revision != from_revision:
        raise StaleEdit
    return _apply(page, fields, user=user, terms_changed=terms_changed)


def agree_to_terms(*, user, version: int) -> None:
    """Record that this member agreed to this version of the terms (again is harmless)."""
    TermsAgreement.objects.get_or_create(user=user, version=version)
