"""Reading prompt memes: a page of prompts with their claim and fill counts, a prompt with its claims and
the fills this viewer may see, a member's claims. Each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from quire.access.reading import (
    claimer_hidden_from,
    creators_hidden_from,
    prompter_hidden_from,
    published_works,
    works_for,
)
from quire.access.surfaces import Surface
from quire.accounts.models import Pseud
from quire.collections.models import Collection
from quire.creators.selectors import byline_names, credited_work_ids, credits_prefetch
from quire.prompts.models import Claim, Fill, Prompt, PromptMeme
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.works.models import Work

ANONYMOUS = "Anonymous"


class Status:
    UNCLAIMED = "unclaimed"
    CLAIMED = "claimed"
    FILLED = "filled"
    CHOICES = (("", "Any"), (UNCLAIMED, "Unclaimed"), (CLAIMED, "Claimed, not filled"), (FILLED, "Filled"))


def meme_of(name: str) -> PromptMeme:
    """The prompt meme of the collection at /collections/<name>; 404 when it runs none."""
    collection = get_object_or_404(Collection, name=name)
    meme = PromptMeme.objects.filter(collection=collection).first()
    if meme is None:
        raise Http404
    meme.collection = collection
    return meme


def _visible_fills(user):
    # A fill counts for this viewer only when they may see its work listed: a draft or an unrevealed work
    # fills nothing yet, as far as they can tell.
    return Fill.objects.filter(work__in=works_for(user, Surface.LISTING).values("pk"))


def prompts_for(user, meme: PromptMeme, *, fandom_id: int | None = None, status: str = "") -> QuerySet:
    """The meme's prompts, newest first, each with `claim_count` and `fill_count` (visible fills). Both are
    counted in subqueries, so a page of a meme of thousands reads only its own prompts' claims and fills (a
    GROUP BY over the join counted every prompt's) and the paginator's count leaves them out."""
    fills = _visible_fills(user).filter(prompt=OuterRef("pk")).order_by()
    fill_count = fills.values("prompt").annotate(n=Count("pk")).values("n")
    claims = Claim.objects.filter(prompt=OuterRef("pk")).order_by()
    claim_count = claims.values("prompt").annotate(n=Count("pk")).values("n")
    prompts = (
        Prompt.objects.filter(meme=meme)
        .annotate(
            claim_count=Coalesce(Subquery(claim_count), 0),
            fill_count=Coalesce(Subquery(fill_count), 0),
        )
        .select_related("pseud__user")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("type", "name")))
        .order_by("-created_at", "-pk")
    )
    if fandom_id is not None:
        prompts = prompts.filter(
            Exists(Prompt.tags.through.objects.filter(prompt=OuterRef("pk"), tag=fandom_id))
        )
    if status == Status.FILLED:
        prompts = prompts.filter(Exists(fills))
    elif status == Status.CLAIMED:
        prompts = prompts.filter(~Exists(fills), Exists(Claim.objects.filter(prompt=OuterRef("pk"))))
    elif status == Status.UNCLAIMED:
        prompts = prompts.filter(~Exists(fills), ~Exists(Claim.objects.filter(prompt=OuterRef("pk"))))
    return prompts


def meme_fandoms(meme: PromptMeme) -> list[Tag]:
    """The fandoms the list filters by: the tag set's, or those the meme's prompts name."""
    # Semi-joins: joining every prompt's tags and then DISTINCT took half a second for 3,000 prompts.
    named = Prompt.tags.through.objects.filter(prompt__meme=meme).values("tag_id")
    used = Tag.objects.filter(type=TagType.FANDOM).filter(
        Q(pk__in=meme.allowed_tags.values("pk")) | Q(pk__in=named)
    )
    return list(used.order_by("name"))


def shown_for(user, prompts, meme: PromptMeme) -> list[Prompt]:
    """Each prompt with `prompter`, the name this viewer sees ("Anonymous" when hidden from them), and the
    meme (so the viewer's role in the collection is read once for the page)."""
    prompts = list(prompts)
    for prompt in prompts:
        prompt.meme = meme
        prompt.prompter = ANONYMOUS if prompter_hidden_from(user, prompt) else prompt.pseud.byline
        prompt.tags_by_type = _by_type(prompt.tags.all())
    return prompts


def _by_type(tags) -> list[tuple[str, list[Tag]]]:
    grouped: dict[str, list[Tag]] = {}
    for tag in tags:
        grouped.setdefault(tag.type, []).append(tag)
    order = [TagType.FANDOM, TagType.CHARACTER, TagType.RELATIONSHIP, TagType.ADDITIONAL]
    return [(TagType(t).label, grouped[t]) for t in order if t in grouped]


def prompt_of(user, meme: PromptMeme, prompt_id: int) -> Prompt:
    prompt = (
        Prompt.objects.filter(meme=meme, pk=prompt_id)
        .select_related("pseud__user")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("type", "name")))
        .first()
    )
    if prompt is None:
        raise Http404
    return shown_for(user, [prompt], meme)[0]


@dataclass
class ShownClaim:
    claim: Claim
    name: str


@dataclass
class ShownFill:
    fill: Fill
    creators: str


def claims_of(user, prompt: Prompt) -> list[ShownClaim]:
    """The prompt's claims, each by the name this viewer may see."""
    claims = prompt.claims.select_related("pseud__user")
    return [
        ShownClaim(claim, ANONYMOUS if claimer_hidden_from(user, claim, prompt) else claim.pseud.byline)
        for claim in claims
    ]


def fills_of(user, prompt: Prompt) -> list[ShownFill]:
    """The fills whose works this viewer may see, with the works' creators as this viewer sees them."""
    fills = (
        _visible_fills(user)
        .filter(prompt=prompt)
        .select_related("work__pseud__user")
        .prefetch_related(credits_prefetch("work__creatorships"))
    )
    return [
        ShownFill(fill, ANONYMOUS if creators_hidden_from(user, fill.work) else byline_names(fill.work))
        for fill in fills
    ]


def claims_of_member(user) -> QuerySet:
    """ "My claims": each claim with its prompt, meme and collection, and whether it is filled (by a work of
    theirs, which they may always see): `fill_count` counts their drafts too, `posted_fill_count` only the
    works out (a draft is a fill in progress, as for an exchange assignment). Shown a page at a time through
    shown_claims."""

    def fills_counted(fills):
        # A subquery, not a GROUP BY over claims joined with their prompts: that grouped every claim's prompt
        # text before the page was cut (2.6 s for 3,000 claims).
        counted = fills.filter(claim=OuterRef("pk")).order_by().values("claim").annotate(n=Count("pk"))
        return Coalesce(Subquery(counted.values("n")), 0)

    return (
        Claim.objects.filter(user=user)
        .select_related("prompt__meme__collection", "prompt__pseud__user")
        .annotate(
            fill_count=fills_counted(Fill.objects.all()),
            posted_fill_count=fills_counted(Fill.objects.filter(work__in=published_works().values("pk"))),
        )
        .order_by("-created_at", "-pk")
    )


def shown_claims(user, claims) -> list[Claim]:
    """A page of claims_of_member, each prompt with the prompter's name as this viewer sees it."""
    claims, collections = list(claims), {}
    for claim in claims:
        prompt = claim.prompt
        # One collection object per collection, so the viewer's role in each is read once.
        meme = prompt.meme
        meme.collection = collections.setdefault(meme.collection_id, meme.collection)
        prompt.prompter = ANONYMOUS if prompter_hidden_from(user, prompt) else prompt.pseud.byline
    return claims


def fillable_works(user) -> QuerySet:
    """The member's own works (drafts too), for "Fill with one of your works"."""
    return (
        Work.objects.filter(pk__in=credited_work_ids(user=user))
        .order_by("-revised_at", "-pk")
        .only("pk", "title")
    )


def prompt_by_id(user, prompt_id: int) -> Prompt | None:
    """A prompt by its id alone (the new-work form's `?prompt=`), shown as this viewer sees it."""
    prompt = Prompt.objects.select_related("meme__collection", "pseud__user").filter(pk=prompt_id).first()
    if prompt is None:
        return None
    return shown_for(user, [prompt], prompt.meme)[0]


@dataclass
class AnsweredPrompt:
    prompt: Prompt
    prompter: Pseud | None  # None: "Anonymous" to this viewer


def page_annotations() -> dict:
    """Whether a work fills any prompt, read with the work page's own query: most fill none."""
    return {"fills_prompts": Exists(Fill.objects.filter(work=OuterRef("pk")))}


def prompts_answered_by(user, work) -> list[AnsweredPrompt]:
    """The prompts this work fills, for its preface ("In response to a prompt by …"): one query. The viewer
    already may see the work (the page asked quire.access); an anonymous prompt's prompter shows only to
    whom quire.access allows."""
    if not getattr(work, "fills_prompts", True):  # read with the work page's query (`page_annotations`)
        return []
    fills = Fill.objects.filter(work=work).select_related("prompt__pseud__user", "prompt__meme__collection")
    return [
        AnsweredPrompt(fill.prompt, None if prompter_hidden_from(user, fill.prompt) else fill.prompt.pseud)
        for fill in fills
    ]
