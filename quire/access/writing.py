"""Which writes a user may make: standing (banned, suspended), ownership, blocks and review policy.

Every service that writes asks here before it changes anything, so the web forms, the API and the `quire`
commands refuse the same things with the same sentence. Each rule is a predicate (`may_*`, true or false, for
templates and selectors) and an `ensure_*` twin that raises `PermissionDenied` with the reason for services;
the reason is the one sentence both the page and the API's `{"detail": ...}` show.

Views put `not_suspended` in front of their forms so a suspended member sees the notice page instead of a
form they cannot send; the services check again, so no door skips the rule.

Staff rank (what moderators may do to whom) is in `staff`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Value
from django.shortcuts import render
from django.utils import formats, timezone

from quire.accounts.models import ORPHAN_USERNAME
from quire.creators.models import Creatorship
from quire.creators.selectors import creator_user_ids, is_creator
from quire.moderation import switches
from quire.moderation.models import Block, is_blocked
from quire.works.enums import ReviewPolicy


class _Archive:
    """The archive itself acting on a decision taken and checked elsewhere: a moderator's removal (the
    moderation rules and the action log), a member deleting their account (leaving is always allowed). It
    passes every rule below; pass it explicitly as `user=ARCHIVE` so each such door is visible in a grep."""

    is_authenticated = True
    is_active = True
    is_suspended = False
    pk = None

    def __repr__(self):
        return "ARCHIVE"


ARCHIVE = _Archive()


# --- Standing: banned and suspended accounts ----------------------------------------------------------


def suspension_notice(user) -> str:
    until = formats.date_format(timezone.localtime(user.suspended_until), "j F Y, H:i T")
    return (
        f"Your account is suspended until {until}. Until then you can read, but not post, edit, "
        "review or leave kudos."
    )


BANNED = "This account is banned, so it cannot post, edit, review or leave kudos."
LOG_IN = "Log in to do that."


def barred(user) -> str:
    """Why this account may write nothing at all (banned or suspended), or "" when nothing bars it. A guest is
    not barred: whether guests may do a thing (kudos, reviews) is that thing's own rule."""
    if user is None or not user.is_authenticated or user is ARCHIVE:
        return ""
    if not user.is_active:  # a ban deactivates the account (moderation.services)
        return BANNED
    if user.is_suspended:
        return suspension_notice(user)
    return ""


def ensure_not_barred(user) -> None:
    if reason := barred(user):
        raise PermissionDenied(reason)


def may_write(user) -> bool:
    """A signed-in account in good standing: it may post works, series and bookmarks, and edit its own."""
    return user is not None and user.is_authenticated and not barred(user)


def ensure_may_write(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(LOG_IN)
    ensure_not_barred(user)


def not_suspended(view):
    """A suspended (or banned) member gets the notice (403) instead of the page or the action."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if reason := barred(request.user):
            return render(request, "moderation/suspended.html", {"notice": reason}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


# --- Works, chapters and series -----------------------------------------------------------------------


def _is_owner(user, work) -> bool:
    # The one place that says who owns a work: any of its accepted creators (quire.creators).
    return user is ARCHIVE or is_creator(user, work)


def may_edit_work(user, work) -> bool:
    """Edit, post, schedule, reorder or delete a work and its chapters, and moderate its reviews."""
    return _is_owner(user, work) and not barred(user)


def ensure_may_edit_work(user, work) -> None:
    ensure_not_barred(user)
    if not _is_owner(user, work):
        raise PermissionDenied("Only the work's writer can change it.")


def ensure_may_autosave(user, work=None) -> None:
    """Autosave a form of one's own work (`work` None: the new-work form). Standing is not asked: a suspension
    that starts mid-sentence must not lose what was being typed; sending the form is still refused."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(LOG_IN)
    if work is not None and not _is_owner(user, work):
        raise PermissionDenied("Only the work's writer can change it.")


def may_edit_series(user, series) -> bool:
    return user is ARCHIVE or (may_write(user) and is_creator(user, series))


def ensure_may_edit_series(user, series) -> None:
    ensure_may_write(user)
    if not may_edit_series(user, series):
        raise PermissionDenied("Only the series' creators can change it.")


def ensure_may_add_to_series(user, series, work) -> None:
    ensure_may_write(user)
    if not (may_edit_series(user, series) and _is_owner(user, work)):
        raise PermissionDenied("You can add only your own works to your own series.")


# --- Co-creators: invitations (quire.creators) ------------------------------------------------------


def invitation_refusal(user, thing, invitee) -> str:
    """Why `user` may not invite `invitee` to be credited on a work, chapter or series, or "" when they may.
    Only its creators invite, in good standing; nobody is invited by someone they blocked (AO3 made consent
    required after people were added to works against their will)."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    if not _manages(user, thing):
        return "Only its creators can invite co-creators."
    return invitee_refusal(user, invitee)


def invitee_refusal(user, invitee) -> str:
    """Why this member may not be invited by `user` to anything they make (also asked by the posting form,
    before the work exists), or "" when they may."""
    if invitee.pk == user.pk:
        return "You are already one of its creators."
    if not invitee.is_active or invitee.username == ORPHAN_USERNAME:
        return "That account is closed, so it cannot be invited."
    if is_blocked(blocker_id=invitee.pk, user=user):
        return "That member does not accept invitations from you."
    return ""


def may_invite(user, thing, invitee) -> bool:
    return not invitation_refusal(user, thing, invitee)


def ensure_may_invite(user, thing, invitee) -> None:
    if reason := invitation_refusal(user, thing, invitee):
        raise PermissionDenied(reason)


def ensure_may_answer_invitation(user, creatorship) -> None:
    """Accepting or declining is the invitee's alone. Declining is always allowed (consent can always be
    withheld); accepting makes them a writer of the work, so it asks for good standing."""
    if user is None or not user.is_authenticated or creatorship.user_id != user.pk:
        raise PermissionDenied("This invitation is not yours.")


def ensure_may_withdraw_invitation(user, creatorship, thing) -> None:
    ensure_not_barred(user)
    if not _manages(user, thing):
        raise PermissionDenied("Only its creators can withdraw an invitation.")


def _manages(user, thing) -> bool:
    # A chapter's credits are managed by the work's creators: until it has creators of its own, its byline is
    # the work's.
    return is_creator(user, thing.work if thing._meta.model_name == "chapter" else thing)


# --- Site pages ----------------------------------------------------------------------------------------

EDIT_PAGES = "sitepages.change_page"  # Django's own permission on the model; superusers have it


def may_edit_pages(user) -> bool:
    """Write, edit, publish and unpublish the archive's pages (and so read their drafts): staff accounts given
    "Can change page" in the admin, and superusers. Asked on every page view: the staff flag comes first, so a
    member's view costs no permission query."""
    if user is ARCHIVE:
        return True
    return may_write(user) and (user.is_superuser or (user.is_staff and user.has_perm(EDIT_PAGES)))


def ensure_may_edit_pages(user) -> None:
    ensure_may_write(user)
    if not may_edit_pages(user):
        raise PermissionDenied("Only staff who may edit the archive's pages can do that.")


# --- Feedback: kudos, reviews, bookmarks ----------------------------------------------------------------


def ensure_may_leave_feedback(user, work, *, own: str) -> None:
    """Kudos and "more, please": guests may, barred accounts may not, and nobody on their own work (`own` says
    why, in the words of the thing refused)."""
    ensure_not_barred(user)
    if user is not None and user.is_authenticated and _is_owner(user, work):
        raise PermissionDenied(own)


OWN_WORK_REVIEW = "You can't review your own work; you can reply to each of your readers' reviews."


def review_refusal(user, work, *, reply: bool = False) -> str:
    """Why this user may not review this work (with `reply`, reply to a review on it), or "" when they may.
    Its writers reply and never review: their own review would count as a reader's in the work's stats and
    sit among what readers said."""
    if reason := barred(user):
        return reason
    if _is_owner(user, work):
        return "" if reply else OWN_WORK_REVIEW
    if not user.is_authenticated and not switches.guest_reviews_enabled():
        return "Guest reviews are turned off on this archive. Log in to leave a review."
    if blocked_by_a_creator(user, work):
        return "The writer has blocked you, so you can't review or reply on their works."
    if work.review_policy == ReviewPolicy.NOBODY:
        return "The writer has turned reviews off for this work."
    if work.review_policy == ReviewPolicy.REGISTERED and not user.is_authenticated:
        return "The writer accepts reviews from registered users only. Log in to leave one."
    return ""


def blocked_annotation(user) -> dict:
    """`blocked_by_a_creator` as an annotation on a work's own query, for the work page (no query of its own)."""
    if not user.is_authenticated:
        return {"viewer_blocked": Value(False)}
    creators = Creatorship.objects.filter(work=OuterRef(OuterRef("pk")), accepted_at__isnull=False)
    blockers = Q(blocker_id=OuterRef("author_id")) | Q(blocker_id__in=creators.values("user_id"))
    return {"viewer_blocked": Exists(Block.objects.filter(blockers, blocked=user))}


def blocked_by_a_creator(user, work) -> bool:
    """A block by any one of a work's creators keeps the blocked member out of its reviews (one query, or
    none where the work's query carried `blocked_annotation`)."""
    if not user.is_authenticated:
        return False
    known = getattr(work, "viewer_blocked", None)
    if known is not None:
        return known
    writers = creator_user_ids(work) | {work.author_id}
    return Block.objects.filter(blocker_id__in=writers, blocked=user).exists()


def may_review(user, work, *, reply: bool = False) -> bool:
    return not review_refusal(user, work, reply=reply)


def ensure_may_review(user, work, *, reply: bool = False) -> None:
    if reason := review_refusal(user, work, reply=reply):
        raise PermissionDenied(reason)


def ensure_may_edit_review(user, review) -> None:
    ensure_not_barred(user)
    if not (user.is_authenticated and review.user_id == user.pk):
        raise PermissionDenied("Only the reviewer can edit a review.")


def may_delete_review(user, review) -> bool:
    return not barred(user) and (
        _is_owner(user, review.work) or (user.is_authenticated and review.user_id == user.pk)
    )


def ensure_may_delete_review(user, review) -> None:
    ensure_not_barred(user)
    if not may_delete_review(user, review):
        raise PermissionDenied("Only the reviewer or the writer can delete a review.")


def ensure_may_moderate_reviews(user, work, *, what: str) -> None:
    """Approving reviews and freezing threads are the writer's; `what` names the action refused."""
    ensure_not_barred(user)
    if not _is_owner(user, work):
        raise PermissionDenied(f"Only the writer can {what}.")


# --- Related works ---------------------------------------------------------------------------------------

RELATION_BLOCKED = "The writer of that work has blocked you, so your work can't name it."


def ensure_may_relate(user, work, parent=None) -> None:
    """Name `parent` (a work on this archive; None for one elsewhere) as what `work` is inspired by, a
    translation, podfic or remix of, or take such a link away: the work's writers, unless the parent's writer
    blocked them (AO3 keeps protected users' works from being linked)."""
    ensure_may_edit_work(user, work)
    if (
        parent is not None
        and not _is_owner(user, parent)
        and is_blocked(blocker_id=parent.author_id, user=user)
    ):
        raise PermissionDenied(RELATION_BLOCKED)


# --- News: staff posts, readers' comments and the site banner -------------------------------------------

WRITE_NEWS = "news.change_newspost"
SET_BANNER = "news.change_banner"


def may_write_news(user) -> bool:
    """Write, edit and delete news posts: staff given the permission (superusers have it)."""
    return may_write(user) and user.has_perm(WRITE_NEWS)


def ensure_may_write_news(user) -> None:
    ensure_may_write(user)
    if not user.has_perm(WRITE_NEWS):
        raise PermissionDenied("Only staff can write news posts.")


def may_set_banner(user) -> bool:
    return may_write(user) and user.has_perm(SET_BANNER)


def ensure_may_set_banner(user) -> None:
    ensure_may_write(user)
    if not user.has_perm(SET_BANNER):
        raise PermissionDenied("Only staff can set the site banner.")


def news_comment_refusal(user, post, *, parent=None) -> str:
    """Why this user may not comment on this news post (or reply to `parent` there), or "" when they may:
    the rules of reviews, with the post's comment setting for the work's review policy. Someone who blocked
    this user takes no replies from them (AO3's rule), and neither do their posts."""
    if reason := barred(user):
        return reason
    if not user.is_authenticated and not switches.guest_reviews_enabled():
        return "Guest comments are turned off on this archive. Log in to comment."
    if post.comments == ReviewPolicy.NOBODY:
        return "Comments are closed on this post."
    if post.comments == ReviewPolicy.REGISTERED and not user.is_authenticated:
        return "This post takes comments from registered users only. Log in to comment."
    if parent is not None and parent.user_id and is_blocked(blocker_id=parent.user_id, user=user):
        return "This commenter has blocked you, so you can't reply to them."
    if post.author_id and is_blocked(blocker_id=post.author_id, user=user):
        return "The post's author has blocked you, so you can't comment on their posts."
    return ""


def ensure_may_comment_on_news(user, post, *, parent=None) -> None:
    if reason := news_comment_refusal(user, post, parent=parent):
        raise PermissionDenied(reason)


def ensure_may_edit_news_comment(user, comment) -> None:
    ensure_not_barred(user)
    if not (user.is_authenticated and comment.user_id == user.pk):
        raise PermissionDenied("Only the commenter can edit a comment.")


def may_delete_news_comment(user, comment) -> bool:
    """The commenter, or staff who write the news (as a writer deletes reviews on their work)."""
    if barred(user) or not user.is_authenticated:
        return False
    return comment.user_id == user.pk or user.has_perm(WRITE_NEWS)


def ensure_may_delete_news_comment(user, comment) -> None:
    ensure_not_barred(user)
    if not may_delete_news_comment(user, comment):
        raise PermissionDenied("Only the commenter or staff can delete a comment.")


# --- Collections ---------------------------------------------------------------------------------------


def collection_role(user, collection) -> str:
    """This member's role in a collection ("owner", "moderator", "member"), or "": read once per collection
    object, so a page asking several rules costs one query."""
    if user is None or not user.is_authenticated or user is ARCHIVE:
        return ""
    roles = collection.__dict__.setdefault("_roles_by_user", {})
    if user.pk not in roles:
        # deferred: quire.collections.models is an app above this layer
        from quire.collections.models import CollectionRole

        row = CollectionRole.objects.filter(collection=collection, user=user).values_list("role", flat=True)
        roles[user.pk] = row.first() or ""
    return roles[user.pk]


def may_maintain_collection(user, collection) -> bool:
    """Approve, invite and remove items, reveal, run its challenges: the collection's owners and moderators
    (a subcollection's are its parent's too, as a yearly event is run by its standing collection's team)."""
    if user is ARCHIVE:
        return True
    if not may_write(user):
        return False
    while collection is not None:
        if collection_role(user, collection) in ("owner", "moderator"):
            return True
        collection = collection.parent
    return False


def ensure_may_maintain_collection(user, collection) -> None:
    ensure_may_write(user)
    if not may_maintain_collection(user, collection):
        raise PermissionDenied("Only the collection's owners and moderators can do that.")


def may_own_collection(user, collection) -> bool:
    """Change its settings, name its owners and moderators, delete it: its owners (and the parent's)."""
    if user is ARCHIVE:
        return True
    if not may_write(user):
        return False
    while collection is not None:
        if collection_role(user, collection) == "owner":
            return True
        collection = collection.parent
    return False


def ensure_may_own_collection(user, collection) -> None:
    ensure_may_write(user)
    if not may_own_collection(user, collection):
        raise PermissionDenied("Only the collection's owners can do that.")


def collection_item_refusal(user, collection, work) -> str:
    """Why this member may not put this work in this collection, or "": their own works only, and only while
    the collection is open (its maintainers may still add to a closed one)."""
    if reason := barred(user):
        return reason
    if not _is_owner(user, work):
        return "You can add only your own works to a collection."
    if not collection.is_open and not may_maintain_collection(user, collection):
        return f"“{collection.title}” is closed to new works."
    return ""


def ensure_may_add_to_collection(user, collection, work) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(LOG_IN)
    if reason := collection_item_refusal(user, collection, work):
        raise PermissionDenied(reason)


# --- Gift exchanges (quire.exchanges) --------------------------------------------------------------------
# Running an exchange (its set-up, the matching, the assignments, pinch hits) is maintaining its collection
# (ensure_may_maintain_collection); these are the participants' own rules.


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i T")


def signup_refusal(user, exchange, now=None) -> str:
    """Why this member may not sign up to (or change or withdraw their sign-up for) this exchange now, or
    "": members in good standing, while sign-ups are open."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    now = now or timezone.now()
    title = exchange.collection.title
    if now < exchange.signups_open_at:
        return f"Sign-ups for “{title}” open on {_when(exchange.signups_open_at)}."
    if now >= exchange.signups_close_at:
        return f"Sign-ups for “{title}” closed on {_when(exchange.signups_close_at)}."
    return ""


def may_sign_up(user, exchange) -> bool:
    return not signup_refusal(user, exchange)


def ensure_may_sign_up(user, exchange) -> None:
    if reason := signup_refusal(user, exchange):
        raise PermissionDenied(reason)


def ensure_may_change_signup(user, signup) -> None:
    """Edit or withdraw a sign-up: its member's, while sign-ups are open."""
    if user is None or not user.is_authenticated or signup.user_id != user.pk:
        raise PermissionDenied("This sign-up is not yours.")
    ensure_may_sign_up(user, signup.exchange)


def assignment_refusal(user, assignment) -> str:
    """Why this member may not act on this assignment as its giver (default on it, fulfil it), or "": the
    member writing it now, once sent, while it is neither fulfilled nor defaulted."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    if assignment.sent_at is None or assignment.giver_id != user.pk:
        return "This assignment is not yours."
    if assignment.fulfilled_at is not None:
        return "This assignment is fulfilled already."
    if assignment.defaulted_at is not None and assignment.claimed_at is None:
        return "You defaulted on this assignment."
    return ""


def ensure_may_give_for(user, assignment) -> None:
    if reason := assignment_refusal(user, assignment):
        raise PermissionDenied(reason)


def ensure_may_fulfil_assignment(user, assignment, work) -> None:
    """Fulfil it with a work: its giver's, with a work they may edit."""
    ensure_may_give_for(user, assignment)
    if not _is_owner(user, work):
        raise PermissionDenied("You can fulfil an assignment only with your own work.")


def pinch_hit_refusal(user, assignment) -> str:
    """Why this member may not claim this pinch hit, or "": any member in good standing, while it is open,
    except its recipient and the giver who defaulted on it."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    if assignment.pinch_hit_at is None or assignment.claimed_at is not None or assignment.fulfilled_at:
        return "This pinch hit is not open."
    if assignment.recipient_signup.user_id == user.pk:
        return "This pinch hit is for you, so you cannot claim it."
    if assignment.giver_signup_id is not None and assignment.giver_signup.user_id == user.pk:
        return "You defaulted on this assignment, so you cannot claim it back."
    return ""


def ensure_may_claim_pinch_hit(user, assignment) -> None:
    if reason := pinch_hit_refusal(user, assignment):
        raise PermissionDenied(reason)


# --- Prompt memes (quire.prompts) ----------------------------------------------------------------------


def ensure_may_set_up_prompt_meme(user, collection) -> None:
    """A collection's maintainers set up its prompt meme and open or close prompting and claiming."""
    ensure_may_maintain_collection(user, collection)


def prompt_refusal(user, meme) -> str:
    """Why this member may not post a new prompt in this meme, or "": while prompting is open, and within
    the meme's limit of prompts per member."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    if not meme.prompting_open:
        return f"Prompting is closed in “{meme.collection.title}”."
    limit = meme.max_prompts_per_member
    if limit is not None and meme.prompts.filter(user=user).count() >= limit:
        return f"You have posted the most prompts “{meme.collection.title}” allows ({limit})."
    return ""


def ensure_may_post_prompt(user, meme) -> None:
    if reason := prompt_refusal(user, meme):
        raise PermissionDenied(reason)


def prompt_edit_refusal(user, prompt, *, delete: bool = False) -> str:
    """Why this member may not change (or delete) this prompt, or "": its prompter, while it has no fills.
    The collection's maintainers may also delete any prompt (their meme's moderation)."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    if delete and may_maintain_collection(user, prompt.meme.collection):
        return ""
    if prompt.user_id != user.pk:
        return "Only its prompter can change this prompt."
    if prompt.fills.exists():
        return "This prompt has been filled, so it can no longer be changed."
    return ""


def ensure_may_edit_prompt(user, prompt, *, delete: bool = False) -> None:
    if reason := prompt_edit_refusal(user, prompt, delete=delete):
        raise PermissionDenied(reason)


def claim_refusal(user, prompt) -> str:
    """Why this member may not claim this prompt, or "": while claiming is open, once each. A prompt takes
    several claims, and its own prompter may claim it (as AO3 allows)."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    if not prompt.meme.claiming_open:
        return f"Claiming is closed in “{prompt.meme.collection.title}”."
    if prompt.claims.filter(user=user).exists():
        return "You have already claimed this prompt."
    return ""


def ensure_may_claim(user, prompt) -> None:
    if reason := claim_refusal(user, prompt):
        raise PermissionDenied(reason)


def ensure_may_drop_claim(user, claim) -> None:
    """A member drops their own claim, unless they have filled it (the fill stays credited to it)."""
    ensure_may_write(user)
    if claim.user_id != user.pk:
        raise PermissionDenied("You can drop only your own claims.")
    if claim.fills.exists():
        raise PermissionDenied("You have filled this claim, so it cannot be dropped.")


def fill_refusal(user, prompt, work=None) -> str:
    """Why this member may not fill this prompt with this work (any work of theirs, when None), or "": their
    own work, once per prompt; a member who has not claimed it claims it as they fill, so claiming must be
    open then."""
    if user is None or not user.is_authenticated:
        return LOG_IN
    if reason := barred(user):
        return reason
    if work is not None and not _is_owner(user, work):
        return "You can fill a prompt only with your own work."
    if work is not None and prompt.fills.filter(work=work).exists():
        return "This work already fills this prompt."
    if not prompt.meme.claiming_open and not prompt.claims.filter(user=user).exists():
        return f"Claiming is closed in “{prompt.meme.collection.title}”."
    return ""


def ensure_may_fill(user, prompt, work) -> None:
    if reason := fill_refusal(user, prompt, work):
        raise PermissionDenied(reason)
