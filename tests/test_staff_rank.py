"""Staff rank (issue 16, hole 4): a moderator may not act on a staff account; only a superuser may.

Staff are admin-site staff, superusers, members of the Moderators group and anyone holding the moderation
permission. Every door goes through quire.moderation.services.act, so the rule is tested on the moderation
page (what a moderator sees) and on the service itself (what the admin or a command would call).
"""

import logging

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from factories import PASSWORD, UserFactory, make_work

from quire.access.staff import is_staff_account, may_act_on_account
from quire.accounts.models import User
from quire.moderation import services as moderation
from quire.moderation.models import ModerationAction, Target

pytestmark = pytest.mark.django_db

REFUSAL = "Only an administrator can act on a staff account."


def make_moderator(username: str) -> User:
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator():
    return make_moderator("mod")


@pytest.fixture
def mod_client(moderator):
    browser = Client()
    browser.force_login(moderator)
    return browser


@pytest.fixture
def admin():
    """A superuser with a writer's pseud, so they can post too."""
    user = UserFactory(username="admin")
    User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
    return User.objects.get(pk=user.pk)


def act(client, target_type, target_id, kind, reason="Against the rules.", **extra):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("moderation:case", args=[target_type, target_id]),
            {"kind": kind, "reason": reason, "confirmed": "on", **extra},  # past the confirmation step
        )


def staff_of_every_kind() -> dict[str, User]:
    site_staff = UserFactory(username="sitestaff")
    User.objects.filter(pk=site_staff.pk).update(is_staff=True)
    holder = UserFactory(username="permholder")
    holder.user_permissions.add(Permission.objects.get(codename="moderate"))
    return {
        "superuser": User.objects.create_superuser("root", "root@example.org", PASSWORD),
        "moderator": make_moderator("othermod"),
        "is_staff": User.objects.get(pk=site_staff.pk),
        "permission": holder,
    }


@pytest.mark.parametrize("kind", ["ban", "delete", "suspend", "warn"])
def test_moderator_cannot_ban_delete_suspend_or_warn_a_superuser(mod_client, admin, kind, caplog):
    until = (timezone.now() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    with caplog.at_level(logging.WARNING, logger="quire.access.staff"):
        response = act(mod_client, "user", admin.pk, kind, until=until)
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()  # on the moderation page, with the form kept
    admin.refresh_from_db()
    assert (admin.is_active, admin.suspended_until) == (True, None)
    assert not ModerationAction.objects.exists()
    (record,) = [r for r in caplog.records if r.name == "quire.access.staff"]
    assert record.levelno == logging.WARNING
    assert "mod" in record.getMessage() and kind in record.getMessage() and "admin" in record.getMessage()


@pytest.mark.parametrize("rank", ["superuser", "moderator", "is_staff", "permission"])
def test_moderator_cannot_ban_any_kind_of_staff(mod_client, rank):
    target = staff_of_every_kind()[rank]
    response = act(mod_client, "user", target.pk, "ban")
    assert response.status_code == 403 and REFUSAL in response.content.decode()
    assert User.objects.get(pk=target.pk).is_active


def test_moderator_cannot_reach_a_staff_account_through_their_work(mod_client, admin):
    work = make_work(admin, title="The Admin's Story")
    response = act(mod_client, "work", work.pk, "ban")
    assert response.status_code == 403 and REFUSAL in response.content.decode()
    assert User.objects.get(pk=admin.pk).is_active


def test_case_page_of_a_staff_account_says_only_an_administrator_can_act(mod_client, admin):
    page = mod_client.get(reverse("moderation:case", args=["user", admin.pk])).content.decode()
    assert "A staff account: only an administrator can warn, suspend, ban or delete it." in page


def test_service_refuses_whatever_door_calls_it(moderator, admin):
    subject = moderation.load_subject(Target.USER, admin.pk)
    with pytest.raises(PermissionDenied, match=REFUSAL):
        moderation.act(moderator=moderator, subject=subject, kind="delete", reason="Rogue.")
    assert User.objects.filter(pk=admin.pk).exists()


def test_a_banned_moderator_stays_staff_so_only_an_administrator_lifts_the_ban(moderator, admin):
    other = make_moderator("othermod")
    moderation.act(moderator=admin, subject=moderation.load_subject("user", other.pk), kind="ban", reason="R")
    other.refresh_from_db()
    assert not other.is_active and is_staff_account(other) and not may_act_on_account(moderator, other)
    with pytest.raises(PermissionDenied):
        moderation.act(
            moderator=moderator, subject=moderation.load_subject("user", other.pk), kind="unban", reason="R"
        )


def test_superuser_may_ban_a_moderator_and_moderators_still_ban_members(admin, moderator, mod_client):
    admin_client = Client()
    admin_client.force_login(admin)
    assert act(admin_client, "user", moderator.pk, "ban", "Abused the queue.").status_code == 302
    assert not User.objects.get(pk=moderator.pk).is_active
    member = UserFactory(username="member")
    other_mod = make_moderator("stillhere")
    browser = Client()
    browser.force_login(other_mod)
    assert act(browser, "user", member.pk, "ban").status_code == 302
    assert not User.objects.get(pk=member.pk).is_active


def test_content_of_a_staff_writer_is_moderated_like_anyones(mod_client, admin):
    # The rule protects accounts; a staff member's work breaking the rules is hidden like any other.
    work = make_work(admin, title="Off Topic")
    assert act(mod_client, "work", work.pk, "hide").status_code == 302
    work.refresh_from_db()
    assert work.hidden_at is not None
