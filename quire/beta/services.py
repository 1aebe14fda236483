"""Writes for the beta read: run it in the request for a chapter of bounded size, queue it for the worker
otherwise, and keep the report either way so the writer can come back to it without running it again."""

import logging
from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from quire.beta import checker
from quire.beta.density import Rates
from quire.beta.models import BetaRead
from quire.beta.rates import current_rates
from quire.beta.selectors import PREVIEW_FINDINGS, fingerprint, is_long, preview_of
from quire.core import ratelimit
from quire.core.tasks import enqueue_after_commit

log = logging.getLogger(__name__)
# A queued or running read not heard from for this long is queued again (the worker stopped mid-way).
STALLED_AFTER = timedelta(minutes=10)
# A failed read is tried again only this long after it failed, so reloading the page does not rerun it.
RETRY_AFTER = timedelta(minutes=15)


def request_beta_read(*, user, chapter, rates: Rates) -> BetaRead:
    """The beta read of the chapter as it is now: the stored one, or a new one run here (short chapters) or
    queued for the worker (long ones), counted against the writer's beta-read rate.

    Raises ratelimit.RateLimited when a new read would be over that rate; reopening a stored one is free."""
    key = fingerprint(chapter.body_html, rates)
    read = BetaRead.objects.filter(chapter=chapter, fingerprint=key).first()
    if read is not None and not _wants_another_go(read):
        return read
    ratelimit.hit("beta-reads", f"user:{user.pk}")
    if is_long(chapter):
        read, _ = BetaRead.objects.get_or_create(chapter=chapter, fingerprint=key)
        read.status = BetaRead.Status.QUEUED
        read.save(update_fields=["status", "updated_at"])
        enqueue_after_commit("quire.beta.tasks.run_beta_read", read.pk)
        return read
    # Short enough to read here (BETA_READ_INLINE_CHARS); read before anything is written, so no
    # database lock is held while the checker runs.
    try:
        fields = _report_fields(chapter.body_html, rates)
    except Exception:
        log.exception("Beta read of chapter %s failed", chapter.pk)
        fields = {"status": BetaRead.Status.FAILED}
    read, _ = BetaRead.objects.update_or_create(chapter=chapter, fingerprint=key, defaults=fields)
    _forget_older(read)
    return read


def run_beta_read(read_id: int) -> str:
    """The worker's side; safe to run twice, and a chapter changed since it was queued is not read."""
    read = BetaRead.objects.select_related("chapter").filter(pk=read_id).first()
    if read is None:
        return "gone"
    if read.status == BetaRead.Status.DONE:
        return "done"
    rates = current_rates()
    if fingerprint(read.chapter.body_html, rates) != read.fingerprint:
        read.delete()  # the writer's next visit asks for the chapter as it is now
        return "outdated"
    BetaRead.objects.filter(pk=read.pk).update(status=BetaRead.Status.RUNNING, updated_at=timezone.now())
    try:
        fields = _report_fields(read.chapter.body_html, rates)
    except Exception:
        log.exception("Beta read %s of chapter %s failed", read.pk, read.chapter_id)
        BetaRead.objects.filter(pk=read.pk).update(status=BetaRead.Status.FAILED, updated_at=timezone.now())
        return "failed"
    BetaRead.objects.filter(pk=read.pk).update(**fields, updated_at=timezone.now())
    _forget_older(read)
    return "done"


def _wants_another_go(read: BetaRead) -> bool:
    age = timezone.now() - read.updated_at
    if read.status == BetaRead.Status.FAILED:
        return age >= RETRY_AFTER
    return read.status != BetaRead.Status.DONE and age >= STALLED_AFTER


def _report_fields(body_html: str, rates: Rates) -> dict:
    report = checker.beta_read(body_html, rates)
    return {
        "report_html": render_to_string("beta/_report_body.html", {"report": report}),
        "preview": preview_of(report, PREVIEW_FINDINGS),
        "status": BetaRead.Status.DONE,
    }


def _forget_older(read: BetaRead) -> None:
    """Only a chapter's latest version is worth keeping."""
    BetaRead.objects.filter(chapter_id=read.chapter_id).exclude(pk=read.pk).delete()
