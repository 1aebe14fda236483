from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from quire.access.reading import (
    chapter_for,
    may_moderate,
    news_comments_for,
    news_post_for,
    reviews_for,
    work_for,
)
from quire.access.staff import may_act_on_account
from quire.accounts.models import User
from quire.core import ratelimit
from quire.feedback.models import Review
from quire.moderation import services
from quire.moderation.forms import ActionForm, InviteRequestForm, InviteSendForm, ReportForm, SwitchesForm
from quire.moderation.models import (
    MODERATE,
    Block,
    Invite,
    ModerationAction,
    Mute,
    Registration,
    Report,
    Target,
)
from quire.moderation.switches import current as current_switches
from quire.news.models import NewsComment

GROUPS_PER_PAGE = 30


# --- Reporting: anyone, guests with an email ---------------------------------------------------------


def _reportable(request, target_type: str, target_id: int) -> services.Subject:
    """What this reader may report: only what they can see."""
    if target_type == Target.WORK:
        return services.Subject(Target.WORK, work_for(request.user, target_id))
    if target_type == Target.CHAPTER:
        chapter = services.load_subject(Target.CHAPTER, target_id)
        if chapter is None:
            raise Http404
        chapter_for(request.user, work_for(request.user, chapter.obj.work_id), target_id)
        return chapter
    if target_type == Target.REVIEW:
        review = get_object_or_404(Review.objects.select_related("work", "user", "pseud__user"), pk=target_id)
        work = work_for(request.user, review.work_id)
        if not reviews_for(request.user, work).filter(pk=review.pk).exists():
            raise Http404
        return services.Subject(Target.REVIEW, review)
    if target_type == Target.COMMENT:
        comment = get_object_or_404(NewsComment.objects.select_related("post", "user"), pk=target_id)
        post = news_post_for(request.user, comment.post_id)
        if not news_comments_for(request.user, post).filter(pk=comment.pk).exists():
            raise Http404
        return services.Subject(Target.COMMENT, comment)
    if target_type == Target.USER:
        return services.Subject(Target.USER, get_object_or_404(User, pk=target_id, is_active=True))
    raise Http404


@require_http_methods(["GET", "POST"])
def report(request, target_type, target_id):
    subject = _reportable(request, target_type, int(target_id))
    form = ReportForm(request.POST or None, guest=not request.user.is_authenticated)
    page = {"form": form, "subject": subject}
    checks = ratelimit.report_checks(request)
    if request.method == "POST" and (wait := ratelimit.wait_for(checks)):
        return ratelimit.refuse_form(
            request, "moderation/report_form.html", page, form=form, retry_after=wait, what="reports"
        )
    if request.method == "POST" and form.is_valid():
        ratelimit.count_all(checks)  # only reports filed count: a form sent back to be fixed files nothing
        services.file_report(
            subject=subject,
            reporter=request.user,
            email=form.cleaned_data.get("email", ""),
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        return redirect("moderation:report_thanks")
    return render(request, "moderation/report_form.html", page, status=400 if form.errors else 200)


def report_thanks(request):
    return render(request, "moderation/report_thanks.html")


# --- The moderators' queue --------------------------------------------------------------------------


@permission_required(MODERATE, raise_exception=True)
def queue(request):
    groups = (
        Report.objects.filter(status=Report.Status.OPEN)
        .values("target_type", "target_id")
        .annotate(
            count=Count("pk"), first=Min("created_at"), latest=Max("created_at"), label=Max("target_label")
        )
        .order_by("first", "target_type", "target_id")
    )
    page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    keys = {(g["target_type"], g["target_id"]) for g in page.object_list}
    reasons: dict[tuple, set] = {key: set() for key in keys}
    rows = Report.objects.filter(
        status=Report.Status.OPEN, target_id__in={key[1] for key in keys}
    ).values_list("target_type", "target_id", "reason")
    labels = dict(Report.Reason.choices)
    for target_type, target_id, reason in rows:
        if (target_type, target_id) in reasons:
            reasons[(target_type, target_id)].add(labels[reason])
    for group in page.object_list:
        group["reasons"] = sorted(reasons[(group["target_type"], group["target_id"])])
        group["type_label"] = Target(group["target_type"]).label
    return render(request, "moderation/queue.html", {"page": page})


@permission_required(MODERATE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def case(request, target_type, target_id):
    if target_type not in Target.values:
        raise Http404
    subject = services.load_subject(target_type, target_id)
    reports = Report.objects.filter(target_type=target_type, target_id=target_id).select_related("reporter")
    if subject is not None and not may_moderate(request.user, subject.work, reported=reports.exists()):
        subject = None  # a writer's unreported draft: moderators have no business there
    if subject is None and not reports.exists():
        raise Http404
    kinds = services.ACTIONS[target_type] if subject else [ModerationAction.Kind.DISMISS]
    form = ActionForm(request.POST or None, kinds=kinds)
    status = 400  # for a form with errors
    confirming = (
        request.method == "POST" and form.is_valid() and subject is not None and form.needs_confirming()
    )
    if request.method == "POST" and form.is_valid() and not confirming:
        try:
            if subject is None:
                services.close_reports(
                    moderator=request.user,
                    target_type=target_type,
                    target_id=target_id,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, "The reports about something that no longer exists were closed.")
                return redirect("moderation:queue")
            action = services.act(
                moderator=request.user,
                subject=subject,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                until=form.cleaned_data.get("until"),
            )
        except services.ActionRefused as error:
            form.add_error(None, str(error))
        except PermissionDenied as error:  # a staff account: the page says who may act on it
            form.add_error(None, str(error))
            status = 403
        else:
            messages.success(request, f"Done: {action.get_kind_display().lower()} {action.target_label}.")
            if action.kind == ModerationAction.Kind.DELETE:
                return redirect("moderation:queue")
            return redirect("moderation:case", target_type, target_id)
    owner = subject.owner if subject else None
    context = {
        "subject": subject,
        "target_type": target_type,
        "target_id": target_id,
        "label": subject.label if subject else reports.first().target_label,
        "reports": reports.order_by("-created_at"),
        "actions": ModerationAction.objects.filter(
            target_type=target_type, target_id=target_id
        ).select_related("moderator"),
        "form": form,
        "owner": owner,
        "staff_owner": not may_act_on_account(request.user, owner),
        "confirming": confirming,
    }
    return render(request, "moderation/case.html", context, status=status if form.errors else 200)


@permission_required(MODERATE, raise_exception=True)
def action_log(request):
    actions = ModerationAction.objects.select_related("moderator", "affected_user")
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"page": page})


# --- Operators' switches and invitations ------------------------------------------------------------


@permission_required("moderation.change_siteswitches", raise_exception=True)
@require_http_methods(["GET", "POST"])
def switches(request):
    form = SwitchesForm(request.POST or None, instance=current_switches())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The site switches were saved.")
        return redirect("moderation:switches")
    return render(request, "moderation/switches.html", {"form": form})


@permission_required(MODERATE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def invites(request):
    form = InviteSendForm(request.POST if "email" in request.POST else None)
    if request.method == "POST":
        if "send" in request.POST:
            invite = get_object_or_404(Invite, pk=request.POST["send"], used_at__isnull=True)
            services.send_invite(invite=invite, sender=request.user)
            messages.success(request, f"An invitation was emailed to {invite.email}.")
            return redirect("moderation:invites")
        if form.is_valid():
            invite = services.request_invite(email=form.cleaned_data["email"])
            services.send_invite(invite=invite, sender=request.user)
            messages.success(request, f"An invitation was emailed to {invite.email}.")
            return redirect("moderation:invites")
    waiting = Invite.objects.filter(sent_at__isnull=True)
    sent = Invite.objects.filter(sent_at__isnull=False).select_related("used_by").order_by("-sent_at")[:50]
    return render(request, "moderation/invites.html", {"form": form, "waiting": waiting, "sent": sent})


@require_http_methods(["GET", "POST"])
def request_invite(request):
    if current_switches().registration != Registration.INVITE:
        return render(request, "moderation/invite_request.html", {"closed": True})
    form = InviteRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_invite(email=form.cleaned_data["email"])
        messages.success(request, "Thank you: you are in the queue. Your invitation will come by email.")
        return redirect("discovery:home")
    return render(request, "moderation/invite_request.html", {"form": form})


# --- Blocking and muting ----------------------------------------------------------------------------


@login_required
@require_POST
def block_or_mute(request, username, what):
    other = get_object_or_404(User, username__iexact=username)
    model = Block if what == "block" else Mute
    on = request.POST.get("action") != "undo"
    try:
        services.toggle(model, user=request.user, other=other, on=on)
    except services.ActionRefused as error:
        raise PermissionDenied(str(error)) from error
    done = {
        ("block", True): f"You blocked {other.username}: they can no longer review or reply on your works.",
        ("block", False): f"You unblocked {other.username}.",
        ("mute", True): f"You muted {other.username}: their works and reviews are hidden from you.",
        ("mute", False): f"You unmuted {other.username}.",
    }
    messages.success(request, done[(what, on)])
    listing = reverse("moderation:blocked")
    return redirect(listing if request.POST.get("next") == listing else other.get_absolute_url())


@login_required
def blocked_and_muted(request):
    context = {
        "blocks": Block.objects.filter(blocker=request.user)
        .select_related("blocked")
        .order_by("blocked__username"),
        "mutes": Mute.objects.filter(muter=request.user).select_related("muted").order_by("muted__username"),
    }
    return render(request, "moderation/blocked.html", context)
