from django import forms

from quire.accounts.forms import add_pseud_choice
from quire.prompts.models import DESCRIPTION_MAX, TITLE_MAX, PromptMeme
from quire.prompts.services import PromptFields, PromptMemeFields
from quire.tags.enums import TagType
from quire.works.forms import TagListField


class PromptMemeForm(forms.Form):
    fandoms = TagListField(
        tag_type=TagType.FANDOM,
        help_text="The fandoms prompts may name, separated by commas. Leave empty to allow any fandom.",
    )
    characters = TagListField(
        tag_type=TagType.CHARACTER,
        help_text="The characters prompts may name. Leave empty to allow any character.",
    )
    relationships = TagListField(
        tag_type=TagType.RELATIONSHIP,
        help_text="The relationships prompts may name. Leave empty to allow any relationship.",
    )
    anonymous_allowed = forms.BooleanField(required=False, label="Prompters may post anonymously")
    prompting_open = forms.BooleanField(required=False, label="Prompting is open")
    claiming_open = forms.BooleanField(required=False, label="Claiming is open")
    max_prompts_per_member = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1000,
        label="Most prompts per member",
        help_text="Leave empty for no limit.",
    )

    @staticmethod
    def initial_for(meme: PromptMeme | None) -> dict:
        if meme is None:
            return {"anonymous_allowed": True, "prompting_open": True, "claiming_open": True}
        names: dict[str, list[str]] = {}
        for tag in meme.allowed_tags.order_by("name"):
            names.setdefault(tag.type, []).append(tag.name)
        return {
            "fandoms": names.get(TagType.FANDOM, []),
            "characters": names.get(TagType.CHARACTER, []),
            "relationships": names.get(TagType.RELATIONSHIP, []),
            "anonymous_allowed": meme.anonymous_allowed,
            "prompting_open": meme.prompting_open,
            "claiming_open": meme.claiming_open,
            "max_prompts_per_member": meme.max_prompts_per_member,
        }

    def meme_fields(self) -> PromptMemeFields:
        return PromptMemeFields(**self.cleaned_data)


class PromptForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, required=False)
    description = forms.CharField(
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"What you would like to read. Up to {DESCRIPTION_MAX:,} characters; HTML is cleaned.",
    )
    fandoms = TagListField(tag_type=TagType.FANDOM)
    characters = TagListField(tag_type=TagType.CHARACTER)
    relationships = TagListField(tag_type=TagType.RELATIONSHIP)
    other_tags = TagListField(tag_type=TagType.ADDITIONAL, label="Other tags")
    anonymous = forms.BooleanField(
        required=False,
        label="Post anonymously",
        help_text="Others see “Anonymous”; the collection's maintainers still see who you are.",
    )

    def __init__(self, *args, meme: PromptMeme, user, current_pseud=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not meme.anonymous_allowed:
            del self.fields["anonymous"]
        add_pseud_choice(self, user, current=current_pseud)

    @staticmethod
    def initial_for(prompt) -> dict:
        names: dict[str, list[str]] = {}
        for tag in prompt.tags.all():
            names.setdefault(tag.type, []).append(tag.name)
        return {
            "title": prompt.title,
            "description": prompt.description,
            "fandoms": names.get(TagType.FANDOM, []),
            "characters": names.get(TagType.CHARACTER, []),
            "relationships": names.get(TagType.RELATIONSHIP, []),
            "other_tags": names.get(TagType.ADDITIONAL, []),
            "anonymous": prompt.anonymous,
        }

    def prompt_fields(self) -> PromptFields:
        data = self.cleaned_data
        pseud = data.get("pseud")
        return PromptFields(
            title=data["title"],
            description=data["description"],
            fandoms=data["fandoms"],
            characters=data["characters"],
            relationships=data["relationships"],
            other_tags=data["other_tags"],
            anonymous=data.get("anonymous", False),
            pseud_id=pseud.pk if pseud else None,
        )


class FillForm(forms.Form):
    """ "Fill with one of your works": a select of the member's own works."""

    work = forms.ModelChoiceField(
        queryset=None,
        label="Your work",
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your works."},
    )

    def __init__(self, *args, works, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work"].queryset = works
