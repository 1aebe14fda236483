from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from quire.access.reading import credited_works_shown, public_bookmarks_for, works_for
from quire.access.surfaces import Surface
from quire.accounts import backends, services
from quire.accounts.forms import ProfileForm, ReadingPreferencesForm, SignupForm
from quire.accounts.models import Pseud, User, login_name
from quire.accounts.preferences import COOKIE_NAME, ReadingPreferences
from quire.core.ratelimit import Check, by_address, limit
from quire.core.readers import client_ip
from quire.core.redirects import safe_next
from quire.follows.models import Subscription
from quire.moderation import switches
from quire.moderation.models import Block, Mute, Registration
from quire.moderation.services import use_invite
from quire.sitepages.models import TERMS_SLUG
from quire.sitepages.selectors import site_index
from quire.sitepages.services import agree_to_terms
from quire.works.models import Work

WORKS_PER_PAGE = 20
PSEUD_BOOKMARKS_SHOWN = 5


def login_checks(request) -> list[Check]:
    """Failed logins are counted per account (whichever address tries it) and per address (whichever accounts
    it tries). The account is the one the login itself would reach (User.objects.for_login), so "ALICE" or a
    fullwidth "ａｌｉｃｅ" share alice's count; a name no account has is counted by its normalised form, so
    guessing at names that do not exist is limited too."""
    typed = request.POST.get("username", "")
    account = User.objects.for_login(typed).values_list("pk", flat=True).first()
    who = f"user:{account}" if account is not None else f"name:{login_name(typed).casefold()}"
    return [("login-account", who), ("login-address", client_ip(request))]


@require_http_methods(["GET", "POST"])
@limit(by_address("signup"))
def signup(request):
    if request.user.is_authenticated:
        return redirect("discovery:home")
    registration = switches.registration()
    if registration == Registration.CLOSED:
        return render(request, "accounts/signup.html", {"closed": True})
    invite_only = registration == Registration.INVITE
    terms_version = site_index().terms_version
    form = SignupForm(
        request.POST or None,
        invite_only=invite_only,
        initial={"invite": request.GET.get("invite", "")},
        terms_url=reverse("sitepages:page", args=[TERMS_SLUG]) if terms_version else "",
        minimum_age=settings.MINIMUM_AGE,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = services.create_user(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
            if terms_version:
                agree_to_terms(user=user, version=terms_version)
            if invite_only and not use_invite(code=form.cleaned_data["invite"], user=user):
                transaction.set_rollback(True)
                form.add_error("invite", "That invitation code was used a moment ago by someone else.")
                return render(request, "accounts/signup.html", {"form": form, "invite_only": True})
        login(request, user, backend=backends.PATH)
        messages.success(request, f"Welcome to the archive, {user.username}!")
        return redirect("discovery:home")
    return render(request, "accounts/signup.html", {"form": form, "invite_only": invite_only})


def _works_page(request, works):
    page = Paginator(works.for_listing().recently_updated(), WORKS_PER_PAGE).get_page(request.GET.get("page"))
    return page


def profile(request, username):
    user = get_object_or_404(User, username__iexact=username)
    # Every work the member is credited on, co-created ones included (quire.creators); anonymous ones only
    # to their creators.
    works = works_for(request.user, Surface.LISTING, hide_muted=False).filter(
        credited_works_shown(request.user, user=user)
    )

    viewer = request.user
    other = viewer.is_authenticated and viewer != user
    context = {
        "profile_user": user,
        "page": _works_page(request, works),
        "pseuds": user.pseuds.all(),
        "subscribed": other and Subscription.objects.filter(user=viewer, author=user).exists(),
        "blocking": other and Block.objects.filter(blocker=viewer, blocked=user).exists(),
        "muting": other and Mute.objects.filter(muter=viewer, muted=user).exists(),
    }
    return render(request, "accounts/profile.html", context)


def _pseud(username, pseud_name) -> Pseud:
    return get_object_or_404(
        Pseud.objects.select_related("user"), user__username__iexact=username, name__iexact=pseud_name
    )


def _pseud_bookmarks(request, pseud):
    bookmarks = public_bookmarks_for(request.user).filter(pseud=pseud)
    return (
        bookmarks.select_related("pseud__user")
        .prefetch_related(Prefetch("work", queryset=Work.objects.for_listing()))
        .order_by("-created_at", "-id")
    )


def pseud(request, username, pseud_name):
    """A pseud's works (every work it is credited on, co-created ones too) and its latest public bookmarks.
    Opened on purpose, like the profile: the viewer's mutes do not hide the pseud's own works."""
    pseud = _pseud(username, pseud_name)
    works = works_for(request.user, Surface.LISTING, hide_muted=False).filter(
        credited_works_shown(request.user, pseud=pseud)
    )
    bookmarks = _pseud_bookmarks(request, pseud)
    context = {
        "profile_user": pseud.user,
        "pseud": pseud,
        "pseuds": pseud.user.pseuds.all(),
        "page": _works_page(request, works),
        "bookmarks": bookmarks[:PSEUD_BOOKMARKS_SHOWN],
        "bookmark_count": bookmarks.count(),
    }
    return render(request, "accounts/profile.html", context)


def pseud_bookmarks(request, username, pseud_name):
    pseud = _pseud(username, pseud_name)
    page = Paginator(_pseud_bookmarks(request, pseud), WORKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/pseud_bookmarks.html", {"pseud": pseud, "page": page})


@require_http_methods(["GET", "POST"])
def reading_preferences(request):
    current = ReadingPreferences.for_request(request)
    form = ReadingPreferencesForm(request.POST or None, initial=current.__dict__)
    if request.method == "POST" and form.is_valid():
        chosen = form.preferences()
        response = redirect(safe_next(request, request.POST.get("next"), reverse("accounts:preferences")))
        if request.user.is_authenticated:
            for name, value in chosen.__dict__.items():
                setattr(request.user, name, value)
            request.user.save(update_fields=list(chosen.__dict__))
        else:
            response.set_cookie(
                COOKIE_NAME,
                chosen.as_cookie(),
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
                secure=request.is_secure(),
            )
        messages.success(request, "Your reading preferences were saved.")
        return response
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(user=request.user, values=form.cleaned_data)
        except PermissionDenied as error:  # what they typed stays in the form
            form.add_error("about", str(error))
        else:
            messages.success(request, "Your profile was saved.")
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
