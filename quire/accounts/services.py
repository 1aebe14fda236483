import re

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from quire.access.writing import ARCHIVE, ensure_may_edit_work, ensure_may_write
from quire.accounts.models import Pseud, User
from quire.creators.models import Creatorship
from quire.creators.selectors import credits_prefetch
from quire.discovery.indexing import index_works
from quire.feedback.models import Bookmark, Review
from quire.gifts.models import Gift
from quire.works.models import Work

# What others see of the account; the rest of the settings page is the member's own business.
PUBLIC_PROFILE_FIELDS = ("about",)


@transaction.atomic
def create_user(*, username: str, email: str, password: str | None, **extra) -> User:
    """Create an account (User.save gives it its default pseud, so every user can be credited at once)."""
    user = User(username=username, email=email, **extra)
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


def update_settings(*, user, values: dict) -> User:
    """Save the settings page. A suspended member may still change their email, notifications and time zone,
    but not what others read on their profile."""
    saved = User.objects.filter(pk=user.pk).values(*PUBLIC_PROFILE_FIELDS).get()
    if any(name in values and values[name] != saved[name] for name in PUBLIC_PROFILE_FIELDS):
        ensure_may_write(user)
    for name, value in values.items():
        setattr(user, name, value)
    user.save(update_fields=list(values))
    return user


def end_sessions(user) -> None:
    """Delete every stored session of this user (a ban, a deleted account): each of their browsers is logged
    out at its next request, and nothing of them lingers in the session store."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


# --- Pseuds: the names a member writes under (AO3's) ------------------------------------------------------

PSEUD_NAME_MAX = Pseud._meta.get_field("name").max_length
PSEUD_DESCRIPTION_MAX = Pseud._meta.get_field("description").max_length
# AO3's rule: letters, digits, spaces, underscores and hyphens, with at least one letter or digit.
_PSEUD_CHARACTERS = re.compile(r"^[\w -]+$")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def clean_pseud_name(user, name: str, *, pseud: Pseud | None = None) -> str:
    """The name trimmed, or a ValidationError saying what is wrong with it, in the form's words."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Give the pseud a name.")
    if len(name) > PSEUD_NAME_MAX:
        raise ValidationError(
            f"A pseud name can be at most {PSEUD_NAME_MAX} characters (this one has {len(name)})."
        )
    if not _PSEUD_CHARACTERS.match(name):
        raise ValidationError(
            "A pseud name can contain letters, digits, spaces, underscores and hyphens only."
        )
    if not _LETTER_OR_DIGIT.search(name):
        raise ValidationError("A pseud name must contain at least one letter or digit.")
    taken = user.pseuds.filter(name__iexact=name)
    if pseud is not None:
        taken = taken.exclude(pk=pseud.pk)
    if taken.exists():
        raise ValidationError(f"You already have a pseud named “{name}”.")
    return name


def _ensure_own_pseud(user, pseud: Pseud) -> None:
    ensure_may_write(user)
    if user is not ARCHIVE and pseud.user_id != user.pk:
        raise PermissionDenied("That pseud is not yours.")


def _save_pseud(pseud: Pseud) -> Pseud:
    try:
        with transaction.atomic():
            pseud.save()
    except IntegrityError:  # the same name saved a moment ago in another tab
        raise ValidationError({"name": f"You already have a pseud named “{pseud.name}”."}) from None
    return pseud


@transaction.atomic
def create_pseud(*, user, name: str, description: str = "", make_default: bool = False) -> Pseud:
    ensure_may_write(user)
    pseud = _save_pseud(Pseud(user=user, name=clean_pseud_name(user, name), description=description.strip()))
    if make_default:
        _make_default(pseud)
    return pseud


@transaction.atomic
def update_pseud(*, pseud: Pseud, user, name: str, description: str, make_default: bool = False) -> Pseud:
    """Rename or describe a pseud (the default one too), and make it the default if asked. Its works' search
    entries are rebuilt, since search finds works by their creators' names."""
    _ensure_own_pseud(user, pseud)
    old_name = pseud.name
    pseud.name, pseud.description = clean_pseud_name(pseud.user, name, pseud=pseud), description.strip()
    _save_pseud(pseud)
    if make_default and not pseud.is_default:
        _make_default(pseud)
    if pseud.name != old_name:
        index_works(pseud_works(pseud).values_list("pk", flat=True))
    return pseud


def _make_default(pseud: Pseud) -> None:
    # The old default stops being one first: an account has one default pseud (a database constraint).
    Pseud.objects.filter(user_id=pseud.user_id, is_default=True).exclude(pk=pseud.pk).update(is_default=False)
    Pseud.objects.filter(pk=pseud.pk).update(is_default=True)
    pseud.is_default = True


def pseud_works(pseud: Pseud):
    """Every work the pseud is credited on (an accepted creatorship: co-created works too), whatever its
    state: for its owner's tools. What a reader sees of them is quire.access.reading's answer."""
    # A member has one creatorship per work, so the join repeats no work.
    return Work.objects.filter(creatorships__pseud=pseud, creatorships__accepted_at__isnull=False)


@transaction.atomic
def delete_pseud(*, pseud: Pseud, user) -> int:
    """Delete a pseud that is not the default one. Everything under it (its works and chapters, series,
    reviews, bookmarks and the gifts to it) moves to the default pseud first, as on AO3. Returns how many works moved."""
    _ensure_own_pseud(user, pseud)
    if pseud.is_default:
        raise ValidationError("The default pseud cannot be deleted; make another pseud the default first.")
    default = pseud.user.default_pseud
    moved = list(pseud_works(pseud).values_list("pk", flat=True))
    Creatorship.objects.filter(pseud=pseud).update(pseud=default)
    Work.objects.filter(pseud=pseud).update(pseud=default)
    Review.objects.filter(pseud=pseud).update(pseud=default)
    Bookmark.objects.filter(pseud=pseud).update(pseud=default)
    # Gifts to it stay gifts to the member (their pseud's delete would take them); a work already given to
    # the default pseud keeps that one gift, as a work is a gift to each member once.
    already = Gift.objects.filter(pseud=default).values("work_id")
    Gift.objects.filter(pseud=pseud).exclude(work_id__in=already).update(pseud=default)
    pseud.delete()
    index_works(moved)
    return len(moved)


@transaction.atomic
def move_works(*, user, work_ids, source: Pseud, target: Pseud) -> int:
    """Credit the member's share of these works (and of their chapters) to another of their pseuds. Each work
    must be one they may edit (quire.access.writing); returns how many moved."""
    _ensure_own_pseud(user, source)
    _ensure_own_pseud(user, target)
    works = list(pseud_works(source).filter(pk__in=list(work_ids)).prefetch_related(credits_prefetch()))
    for work in works:
        ensure_may_edit_work(user, work)
    ids = [work.pk for work in works]
    Creatorship.objects.filter(user=target.user_id, pseud=source, work__in=ids).update(pseud=target)
    Creatorship.objects.filter(user=target.user_id, pseud=source, chapter__work__in=ids).update(pseud=target)
    # The lead creator's pseud is also on the work row, where listings read it.
    Work.objects.filter(pk__in=ids, author=target.user_id).update(pseud=target)
    index_works(ids)
    return len(ids)


def own_pseud(user, *, pk: int | None = None, name: str | None = None) -> Pseud:
    """One of the member's pseuds, by id (the forms) or by name (the API), or their default pseud when neither
    is given; a ValidationError when they have none such."""
    if pk is None and not name:
        return user.default_pseud
    found = user.pseuds.filter(pk=pk) if pk is not None else user.pseuds.filter(name__iexact=name.strip())
    pseud = found.first()
    if pseud is None:
        raise ValidationError(f"You have no pseud named “{name}”." if name else "Choose one of your pseuds.")
    return pseud


def credit_as(*, thing, user, pseud: Pseud) -> None:
    """Credit the member's share of a work or series under this pseud of theirs: their creatorship, and the
    work row's `pseud` when they are its lead creator (the two always agree)."""
    if pseud.user_id != user.pk:
        raise PermissionDenied("That pseud is not yours.")
    field = thing._meta.model_name
    Creatorship.objects.filter(user=user, **{field: thing}).update(pseud=pseud)
    if field == "work" and thing.author_id == user.pk and thing.pseud_id != pseud.pk:
        Work.objects.filter(pk=thing.pk).update(pseud=pseud)
        thing.pseud = pseud
        index_works([thing.pk])
    thing.__dict__.pop("credits", None)
