"""Every change to a prompt meme goes through here: its set-up, prompts, claims and fills. Each function
asks quire.access.writing first, so the pages and any other door refuse the same things alike."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quire.access.writing import (
    ensure_may_claim,
    ensure_may_drop_claim,
    ensure_may_edit_prompt,
    ensure_may_fill,
    ensure_may_post_prompt,
    ensure_may_set_up_prompt_meme,
)
from quire.accounts.services import own_pseud
from quire.collections.models import Collection
from quire.collections.services import add_work
from quire.core.tasks import enqueue_after_commit
from quire.core.text import TextFormat, render
from quire.prompts.models import TAGS_PER_PROMPT_MAX, Claim, Fill, Prompt, PromptMeme
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.tags.selectors import tags_named
from quire.works.models import Work

# The tag types a meme's tag set limits; additional tags are always free, as on AO3.
TAG_SET_TYPES = (TagType.FANDOM, TagType.CHARACTER, TagType.RELATIONSHIP)
# The prompt form's field for each type of tag, for messages placed beside what was typed.
TAG_FIELDS = {
    TagType.FANDOM: "fandoms",
    TagType.CHARACTER: "characters",
    TagType.RELATIONSHIP: "relationships",
    TagType.ADDITIONAL: "other_tags",
}
TAG_SET_SHOWN = 10


# --- Set-up --------------------------------------------------------------------------------------------


@dataclass
class PromptMemeFields:
    fandoms: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    anonymous_allowed: bool = True
    prompting_open: bool = True
    claiming_open: bool = True
    max_prompts_per_member: int | None = None

    def names(self, tag_type: str) -> list[str]:
        return {
            TagType.FANDOM: self.fandoms,
            TagType.CHARACTER: self.characters,
            TagType.RELATIONSHIP: self.relationships,
        }[tag_type]


@transaction.atomic
def set_up_prompt_meme(*, collection: Collection, user, fields: PromptMemeFields) -> PromptMeme:
    """Make or change the collection's prompt meme. Closing prompting or claiming takes effect at once;
    prompts, claims and fills already made stay."""
    ensure_may_set_up_prompt_meme(user, collection)
    tags, errors = [], {}
    for tag_type in TAG_SET_TYPES:
        for name in fields.names(tag_type):
            try:
                tags.append(Tag.for_name(name, tag_type))
            except ValidationError as error:
                errors.setdefault(TAG_FIELDS[tag_type], []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    meme = PromptMeme.objects.filter(collection=collection).first() or PromptMeme(collection=collection)
    meme.anonymous_allowed = fields.anonymous_allowed
    meme.prompting_open = fields.prompting_open
    meme.claiming_open = fields.claiming_open
    meme.max_prompts_per_member = fields.max_prompts_per_member
    meme.save()
    meme.allowed_tags.set(tags)
    return meme


# --- Prompts -------------------------------------------------------------------------------------------


@dataclass
class PromptFields:
    description: str
    title: str = ""
    fandoms: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    other_tags: list[str] = field(default_factory=list)
    anonymous: bool = False
    pseud_id: int | None = None

    def tag_names(self) -> list[tuple[str, str]]:
        return (
            [(name, TagType.FANDOM) for name in self.fandoms]
            + [(name, TagType.CHARACTER) for name in self.characters]
            + [(name, TagType.RELATIONSHIP) for name in self.relationships]
            + [(name, TagType.ADDITIONAL) for name in self.other_tags]
        )


def _allowed_by_type(meme: PromptMeme) -> dict[str, dict[int, Tag]]:
    allowed: dict[str, dict[int, Tag]] = {}
    for tag in meme.allowed_tags.all():
        allowed.setdefault(tag.type, {})[tag.pk] = tag
    return allowed


def _prompt_tags(meme: PromptMeme, fields: PromptFields) -> list[Tag]:
    """The tags a prompt names, within the meme's tag set: a limited type takes only the set's tags (or a
    synonym of one); the others take any tag, made if new, as a work's tag boxes do. Every refused name is
    reported beside its field, with the set's choices."""
    allowed = _allowed_by_type(meme)
    named = tags_named(name for name, tag_type in fields.tag_names() if tag_type in allowed)
    tags, refused, errors = [], {}, {}
    for name, tag_type in fields.tag_names():
        if tag_type in allowed:
            tag = named.get(name.lower())
            choices = allowed[tag_type]
            if tag is not None and tag.pk in choices:
                tags.append(tag)
            elif tag is not None and tag.merger_id in choices:
                tags.append(choices[tag.merger_id])
            else:
                refused.setdefault(tag_type, []).append(name)
            continue
        try:
            tags.append(Tag.for_name(name, tag_type))
        except ValidationError as error:
            errors.setdefault(TAG_FIELDS[tag_type], []).extend(error.messages)
    for tag_type, names in refused.items():
        choices = sorted(tag.name for tag in allowed[tag_type].values())
        shown = ", ".join(choices[:TAG_SET_SHOWN]) + (", …" if len(choices) > TAG_SET_SHOWN else "")
        quoted = ", ".join(f"“{name}”" for name in names)
        errors.setdefault(TAG_FIELDS[tag_type], []).append(
            f"{quoted} {'is' if len(names) == 1 else 'are'} not in this prompt meme's "
            f"{TagType(tag_type).label.lower()} tags. Choose from: {shown}."
        )
    if errors:
        raise ValidationError(errors)
    unique = list({tag.pk: tag for tag in tags}.values())
    if len(unique) > TAGS_PER_PROMPT_MAX:
        raise ValidationError(f"A prompt takes at most {TAGS_PER_PROMPT_MAX} tags.")
    return unique


def _apply(prompt: Prompt, meme: PromptMeme, user, fields: PromptFields) -> list[Tag]:
    if fields.anonymous and not meme.anonymous_allowed:
        raise ValidationError({"anonymous": "This prompt meme does not take anonymous prompts."})
    tags = _prompt_tags(meme, fields)
    prompt.pseud = own_pseud(user, pk=fields.pseud_id)
    prompt.anonymous = fields.anonymous
    prompt.title = fields.title.strip()
    prompt.description = fields.description
    prompt.description_html = render(fields.description, TextFormat.RICH)
    prompt.full_clean(exclude=["meme", "user"])
    return tags


@transaction.atomic
def post_prompt(*, meme: PromptMeme, user, fields: PromptFields) -> Prompt:
    ensure_may_post_prompt(user, meme)
    prompt = Prompt(meme=meme, user=user)
    tags = _apply(prompt, meme, user, fields)
    prompt.save()
    prompt.tags.set(tags)
    return prompt


@transaction.atomic
def update_prompt(*, prompt: Prompt, user, fields: PromptFields) -> Prompt:
    """Its prompter changes it while it has no fills (a fill answered what it said)."""
    ensure_may_edit_prompt(user, prompt)
    tags = _apply(prompt, prompt.meme, user, fields)
    prompt.save()
    prompt.tags.set(tags)
    return prompt


def delete_prompt(*, prompt: Prompt, user) -> None:
    """Its prompter deletes it while it has no fills; the collection's maintainers delete any."""
    ensure_may_edit_prompt(user, prompt, delete=True)
    prompt.delete()


# --- Claims and fills ----------------------------------------------------------------------------------


def claim_prompt(*, prompt: Prompt, user, pseud_id: int | None = None) -> Claim:
    ensure_may_claim(user, prompt)
    try:
        with transaction.atomic():
            return Claim.objects.create(prompt=prompt, user=user, pseud=own_pseud(user, pk=pseud_id))
    except IntegrityError:  # the same claim sent twice at once
        return Claim.objects.get(prompt=prompt, user=user)


def drop_claim(*, claim: Claim, user) -> None:
    ensure_may_drop_claim(user, claim)
    claim.delete()


@transaction.atomic
def fill_prompt(*, prompt: Prompt, work: Work, user) -> Fill:
    """A work posted "for" the prompt: it fills the member's claim (claimed now if they had none), goes
    into the meme's collection (unrevealed and anonymous as the collection is), and the prompter is told
    once the work may be heard of (now if it is posted and revealed; else when it is posted or revealed,
    from the announcements)."""
    ensure_may_fill(user, prompt, work)
    claim = prompt.claims.filter(user=user).first()
    if claim is None:
        claim = claim_prompt(prompt=prompt, user=user, pseud_id=_pseud_for(user, work))
    fill = Fill.objects.create(prompt=prompt, claim=claim, work=work, user=user)
    add_work(collection=prompt.meme.collection, work=work, user=user, approved_by_collection=True)
    enqueue_after_commit("quire.prompts.tasks.tell_prompters", work.pk)
    return fill


def _pseud_for(user, work: Work) -> int | None:
    # The claim made as the member fills shows the pseud their work is posted under, when it is theirs.
    return work.pseud_id if work.pseud is not None and work.pseud.user_id == user.pk else None
