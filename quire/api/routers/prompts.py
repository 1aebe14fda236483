"""Prompt memes: a meme's prompts (the web list's filters), one prompt with its claims and fills, and
claiming a prompt or dropping one's claim. Names are shown or "Anonymous" as on the web (quire.access)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from ninja import Query, Router, Status

from quire.access.writing import ensure_not_barred
from quire.api import links
from quire.api.auth import TokenAuth
from quire.api.errors import FieldErrors, not_found, responses
from quire.api.output import page_out, prompt_detail_out, prompt_out
from quire.api.routers.collections import NAME, read
from quire.api.schemas import CLAIM_RULES, DROP_RULES, PromptDetailOut, PromptFilters, PromptPage
from quire.api.throttles import ReadThrottle, WriteThrottle
from quire.prompts import selectors, services
from quire.tags.enums import TagType
from quire.tags.models import Tag

router = Router(tags=["prompt memes"])
# As the web list pages them (quire.prompts.views.PROMPTS_PER_PAGE).
PER_PAGE = 20
WRITE = {"auth": TokenAuth(), "throttle": [ReadThrottle(), WriteThrottle()]}
THIS_PROMPT = {"name": "$request.path.name", "prompt_id": "$request.path.prompt_id"}


def _meme(name: str):
    try:
        return selectors.meme_of(name.replace("\x00", ""))
    except Http404:
        raise not_found("prompt meme") from None


def _prompt(user, name: str, prompt_id: int):
    meme = _meme(name)
    try:
        return meme, selectors.prompt_of(user, meme, prompt_id)
    except Http404:
        raise not_found("prompt") from None


def _detail(request, prompt) -> dict:
    user = request.auth
    return prompt_detail_out(
        request, prompt, selectors.claims_of(user, prompt), selectors.fills_of(user, prompt)
    )


def _refused(error: PermissionDenied) -> FieldErrors:
    """The rule's own sentence, as the prompt's page shows it."""
    return FieldErrors([("__all__", str(error))])


@router.get(
    "/collections/{name}/prompts",
    response=responses({200: PromptPage}),
    **read(
        **links.on(
            200,
            GetFirstPrompt=links.to(
                "prompts.prompt_detail",
                {"name": "$request.path.name", "prompt_id": "$response.body#/results/0/id"},
            ),
        )
    ),
)
def prompt_list(request, filters: Query[PromptFilters], name: str = NAME):
    """The collection's prompt meme: its prompts, newest first, with the web list's filters. Fills are
    counted when you may see their works."""
    meme = _meme(name)
    fandom = Tag.objects.named(filters.fandom).filter(type=TagType.FANDOM).first() if filters.fandom else None
    prompts = selectors.prompts_for(
        request.auth, meme, fandom_id=fandom.pk if fandom else None, status=filters.status
    )
    notices = []
    if filters.fandom and fandom is None:
        notices.append(f"There is no fandom named “{filters.fandom}”, so no prompts match it.")
        prompts = prompts.none()
    page = Paginator(prompts, PER_PAGE).get_page(filters.page)
    shown = selectors.shown_for(request.auth, page.object_list, meme)
    return {**page_out(page, [prompt_out(request, p) for p in shown]), "notices": notices}


@router.get("/collections/{name}/prompts/{prompt_id}", response=responses({200: PromptDetailOut}), **read())
def prompt_detail(request, prompt_id: int, name: str = NAME):
    """A prompt with its claims and the fills you may see, each name as the prompt's page shows it."""
    meme, prompt = _prompt(request.auth, name, prompt_id)
    return _detail(request, prompt)


@router.post(
    "/collections/{name}/prompts/{prompt_id}/claim",
    response=responses({201: PromptDetailOut}, writes=True),
    openapi_extra=links.on(201, DropClaim=links.to("prompts.drop_claim", THIS_PROMPT)),
    description=(
        "Claim the prompt, as its page's “Claim this prompt” button does: a prompt takes several claims, its "
        f"prompter's too. Answers the prompt with your claim. {CLAIM_RULES}"
    ),
    **WRITE,
)
def claim(request, prompt_id: int, name: str = NAME):
    # A suspended or banned account gets its notice (403), as the web's not_suspended pages give it.
    ensure_not_barred(request.auth)
    meme, prompt = _prompt(request.auth, name, prompt_id)
    try:
        services.claim_prompt(prompt=prompt, user=request.auth)
    except PermissionDenied as error:
        raise _refused(error) from None
    return Status(201, _detail(request, prompt))


@router.delete(
    "/collections/{name}/prompts/{prompt_id}/claim",
    response=responses({204: None}, writes=True),
    description=f"Drop your claim on the prompt. {DROP_RULES}",
    **WRITE,
)
def drop_claim(request, prompt_id: int, name: str = NAME):
    ensure_not_barred(request.auth)
    meme, prompt = _prompt(request.auth, name, prompt_id)
    own = prompt.claims.filter(user=request.auth).first()
    if own is None:
        raise not_found("claim of yours on this prompt")
    try:
        services.drop_claim(claim=own, user=request.auth)
    except PermissionDenied as error:
        raise _refused(error) from None
    return Status(204, None)
