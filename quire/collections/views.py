"""Collections' pages: the index, a collection's works and bookmarks, its settings and management, and a
work's own collections. Every write goes through quire.collections.services (and so quire.access)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quire.access.reading import public_bookmarks_for, works_for
from quire.access.surfaces import Surface
from quire.access.writing import (
    may_maintain_collection,
    may_own_collection,
    not_suspended,
)
from quire.accounts.models import User
from quire.collections import selectors, services
from quire.collections.forms import AddItemForm, CollectionForm, InviteWorkForm, RoleForm
from quire.collections.models import Collection, CollectionItem
from quire.discovery.views import render_listing
from quire.feedback.models import Bookmark
from quire.works.selectors import get_own_work

PER_PAGE = 20


def _collection(name) -> Collection:
    # The header's exchange and prompt meme links come with it (quire.collections.selectors.challenges_of).
    return get_object_or_404(
        Collection.objects.select_related("parent", "exchange", "prompt_meme"), name=name
    )


def _refused(request, error) -> None:
    text = error.messages[0] if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


def index(request):
    collections = selectors.listed_collections().order_by("title", "pk")
    page = Paginator(collections, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "collections/index.html", {"page": page})


def _header_context(request, collection) -> dict:
    user = request.user
    return {
        "collection": collection,
        "children": list(collection.children.order_by("title")),
        "maintainer": may_maintain_collection(user, collection),
        "owner": may_own_collection(user, collection),
        "subscribed": selectors.is_subscribed(user, collection),
        "roles": selectors.roles_of(collection),
    }


def detail(request, name):
    """The collection's works with every listing's filters, facets and sorts; unrevealed works the viewer
    may not see yet are listed apart as "Mystery work"."""
    collection = _collection(name)
    extra = {
        **_header_context(request, collection),
        "mysteries": selectors.mysteries(request.user, collection),
    }
    if request.user.is_authenticated and collection.is_open:
        extra["add_form"] = _add_form(request.user, collection)
    return render_listing(
        request,
        heading=f"Works in {collection.title}",
        scope=selectors.works_scope(collection),
        extra=extra,
        template="collections/detail.html",
    )


def bookmarks(request, name):
    collection = _collection(name)
    page = Paginator(selectors.bookmarks_in(request.user, collection), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "collections/bookmarks.html", {**_header_context(request, collection), "page": page}
    )


def _add_form(user, collection, data=None) -> AddItemForm:
    return AddItemForm(
        data,
        works=selectors.addable_works(user, collection),
        bookmarks=Bookmark.objects.filter(user=user)
        .exclude(collection_items__collection=collection)
        .select_related("work"),
    )


@login_required
@not_suspended
def new(request):
    parents = Collection.objects.filter(parent__isnull=True, roles__user=request.user, roles__role="owner")
    form = CollectionForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.create_collection(user=request.user, fields=form.collection_fields())
        except (PermissionDenied, ValidationError) as error:
            _refused(request, error)
        else:
            messages.success(request, f"“{collection.title}” is made. You are its owner.")
            return redirect(collection)
    return render(request, "collections/form.html", {"form": form})


@login_required
@not_suspended
def edit(request, name):
    collection = _collection(name)
    if not may_own_collection(request.user, collection):
        raise PermissionDenied("Only the collection's owners can change its settings.")
    parents = Collection.objects.filter(
        parent__isnull=True, roles__user=request.user, roles__role="owner"
    ).exclude(pk=collection.pk)
    form = CollectionForm(request.POST or None, instance=collection, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_collection(
                collection=collection, user=request.user, fields=form.collection_fields()
            )
        except (PermissionDenied, ValidationError) as error:
            _refused(request, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(collection)
    return render(request, "collections/form.html", {"form": form, "collection": collection})


@login_required
@not_suspended
def manage(request, name):
    """The maintainers' page: items waiting for approval, the works it holds (an anonymous work's creators
    named to them here alone), inviting a work, the reveals, the team."""
    collection = _collection(name)
    if not may_maintain_collection(request.user, collection):
        raise PermissionDenied("Only the collection's owners and moderators can manage it.")
    held = Paginator(selectors.works_held(request.user, collection), PER_PAGE)
    context = {
        **_header_context(request, collection),
        "waiting": list(selectors.waiting_for_collection(collection)),
        "held": held.get_page(request.GET.get("page")),
        "invite_form": InviteWorkForm(),
        "role_form": RoleForm(),
    }
    return render(request, "collections/manage.html", context)


@login_required
@not_suspended
@require_POST
def invite(request, name):
    collection = _collection(name)
    form = InviteWorkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("collections:manage", collection.name)
    # A maintainer invites only what they may see; the same 404-free answer for a draft as for a missing work.
    work = (
        works_for(request.user, Surface.LISTING, hide_muted=False)
        .filter(pk=form.cleaned_data["work"])
        .first()
    )
    if work is None:
        messages.error(request, "No work with that address that you may see.")
        return redirect("collections:manage", collection.name)
    if username := form.cleaned_data["username"].strip():
        return _invite_bookmark(request, collection, work, username)
    try:
        item = services.add_work(collection=collection, work=work, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    else:
        if item.approved:
            messages.success(request, f"“{work.title}” is in the collection.")
        else:
            messages.success(request, f"“{work.title}” is invited: it joins once its creators approve.")
    return redirect("collections:manage", collection.name)


def _invite_bookmark(request, collection, work, username):
    # A private bookmark answers as a missing one: the maintainer learns nothing of it.
    bookmark = (
        public_bookmarks_for(request.user)
        .filter(work=work, user__username__iexact=username)
        .select_related("work", "user")
        .first()
    )
    if bookmark is None:
        messages.error(request, f"{username} has no public bookmark of “{work.title}”.")
        return redirect("collections:manage", collection.name)
    try:
        item = services.add_bookmark(collection=collection, bookmark=bookmark, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    else:
        whose = f"{bookmark.user.username}'s bookmark of “{work.title}”"
        if item.approved:
            messages.success(request, f"{whose} is in the collection.")
        else:
            messages.success(request, f"{whose} is invited: it joins once they approve.")
    return redirect("collections:manage", collection.name)


@login_required
@not_suspended
@require_POST
def set_role(request, name):
    collection = _collection(name)
    form = RoleForm(request.POST)
    member = User.objects.filter(username__iexact=request.POST.get("username", "").strip()).first()
    if not form.is_valid() or member is None:
        messages.error(request, "No member with that username.")
        return redirect("collections:manage", collection.name)
    try:
        services.set_role(
            collection=collection, user=request.user, member=member, role=form.cleaned_data["role"]
        )
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, f"{member.username}'s role is saved.")
    return redirect("collections:manage", collection.name)


@login_required
@not_suspended
@require_POST
def add(request, name):
    """A member adds their own work or bookmark."""
    collection = _collection(name)
    form = _add_form(request.user, collection, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(collection)
    try:
        if work := form.cleaned_data.get("work"):
            item = services.add_work(collection=collection, work=work, user=request.user)
        else:
            item = services.add_bookmark(
                collection=collection, bookmark=form.cleaned_data["bookmark"], user=request.user
            )
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
        return redirect(collection)
    what = f"“{item.work.title}”" if item.work_id else "Your bookmark"
    if item.approved:
        messages.success(request, f"{what} is in {collection.title}.")
    else:
        messages.success(request, f"{what} waits for the maintainers' approval.")
    return redirect(collection)


def _item(item_id) -> CollectionItem:
    return get_object_or_404(
        CollectionItem.objects.select_related("collection", "work", "bookmark__work"), pk=item_id
    )


@login_required
@not_suspended
@require_POST
def answer_as_collection(request, item_id):
    item = _item(item_id)
    approve = request.POST.get("answer") == "approve"
    try:
        services.approve_as_collection(item=item, user=request.user, approve=approve)
    except PermissionDenied as error:
        _refused(request, error)
    else:
        messages.success(request, "Approved." if approve else "Rejected: it stays out of the collection.")
    return redirect("collections:manage", item.collection.name)


@login_required
@not_suspended
@require_POST
def answer_as_creator(request, item_id):
    item = _item(item_id)
    approve = request.POST.get("answer") == "approve"
    try:
        services.approve_as_creator(item=item, user=request.user, approve=approve)
    except PermissionDenied as error:
        _refused(request, error)
        return redirect("discovery:home")
    what = "Your work" if item.work_id else "Your bookmark"
    if approve:
        messages.success(request, f"{what} is in {item.collection.title}.")
    else:
        messages.success(request, f"You declined: {what.lower()} stays out of {item.collection.title}.")
    if item.bookmark_id:
        return redirect("collections:bookmark_collections")
    return redirect("collections:work_collections", item.work_id)


@login_required
@not_suspended
@require_POST
def remove(request, item_id):
    item = _item(item_id)
    collection = item.collection
    try:
        services.remove_item(item=item, user=request.user)
    except PermissionDenied as error:
        _refused(request, error)
    else:
        messages.success(request, f"Removed from {collection.title}.")
    target = request.POST.get("next", "")
    # Back where the button was (the manage page or the work's collections), never to another site.
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(collection)


@login_required
@not_suspended
@require_POST
def reveal(request, name):
    collection = _collection(name)
    creators = request.POST.get("what") == "creators"
    try:
        if creators:
            count = services.reveal_creators(collection=collection, user=request.user)
        else:
            count = services.reveal_works(collection=collection, user=request.user)
    except PermissionDenied as error:
        _refused(request, error)
    else:
        works = f"{count} work{'s' if count != 1 else ''}"
        messages.success(request, f"Revealed the creators of {works}." if creators else f"Revealed {works}.")
    return redirect("collections:manage", collection.name)


@login_required
@require_POST
def subscribe(request, name):
    collection = _collection(name)
    if request.POST.get("unsubscribe"):
        services.unsubscribe(collection=collection, user=request.user)
        messages.success(request, f"You no longer follow {collection.title}.")
    else:
        services.subscribe(collection=collection, user=request.user)
        messages.success(request, f"You follow {collection.title}: you are told of each new work.")
    return redirect(collection)


@login_required
@not_suspended
def work_collections(request, work_id):
    """A work's collections, for its creators: where it is, invitations to answer, and adding it to one by
    name."""
    work = get_own_work(request.user, work_id)
    error = ""
    if request.method == "POST":
        name = request.POST.get("collection", "").strip()
        collection = Collection.objects.filter(name__iexact=name).first()
        if collection is None:
            error = f"No collection named “{name}”."
        elif already := selectors.already_there(collection, work):
            error = already
        else:
            try:
                item = services.add_work(collection=collection, work=work, user=request.user)
            except (PermissionDenied, ValidationError) as refusal:
                error = refusal.messages[0] if isinstance(refusal, ValidationError) else str(refusal)
            else:
                waits = "" if item.approved else " It waits for the maintainers' approval."
                messages.success(request, f"Added to {collection.title}.{waits}")
                return redirect("collections:work_collections", work.pk)
    context = {
        "work": work,
        "items": list(selectors.items_of_work(work)),
        "error": error,
        "typed": request.POST.get("collection", ""),
    }
    return render(request, "collections/work_collections.html", context)


@login_required
def bookmark_collections(request):
    """The collections of the member's bookmarks: invitations to answer, and where each bookmark is."""
    context = {"items": list(selectors.items_of_bookmarks(request.user))}
    return render(request, "collections/bookmark_collections.html", context)
