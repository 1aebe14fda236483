from django import forms

from quire.collections.models import Collection, Role
from quire.collections.services import CollectionFields

DATE_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = [
            "name",
            "title",
            "header",
            "description",
            "rules",
            "parent",
            "is_open",
            "is_moderated",
            "is_unrevealed",
            "is_anonymous",
            "reveal_at",
            "reveal_creators_at",
        ]
        labels = {
            "name": "Name (in its address)",
            "header": "Header (one line under the title)",
            "parent": "Part of (a standing collection)",
            "is_open": "Open: members may add works and bookmarks",
            "is_moderated": "Moderated: new items wait for a maintainer's approval",
            "is_unrevealed": "Unrevealed: works stay hidden until the reveal",
            "is_anonymous": "Anonymous: creators stay hidden until the reveal",
            "reveal_at": "Reveal the works at",
            "reveal_creators_at": "Reveal the creators at",
        }
        help_texts = {
            "name": "Letters, numbers and underscores; it cannot change later.",
            "reveal_at": "Leave empty to reveal by hand.",
            "reveal_creators_at": "Leave empty to reveal by hand.",
        }
        widgets = {"reveal_at": DATE_INPUT, "reveal_creators_at": DATE_INPUT}

    def __init__(self, *args, user=None, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Collection.objects.none()
        self.fields["parent"].required = False
        if self.instance.pk:
            self.fields["name"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("parent") is not None and self.instance.pk and self.instance.children.exists():
            self.add_error("parent", "A collection with subcollections cannot become a subcollection.")
        return data

    def collection_fields(self) -> CollectionFields:
        data = self.cleaned_data
        return CollectionFields(
            name=data["name"],
            title=data["title"],
            header=data["header"],
            description=data["description"],
            rules=data["rules"],
            is_open=data["is_open"],
            is_moderated=data["is_moderated"],
            is_unrevealed=data["is_unrevealed"],
            is_anonymous=data["is_anonymous"],
            reveal_at=data["reveal_at"],
            reveal_creators_at=data["reveal_creators_at"],
            parent=data["parent"],
        )


class RoleForm(forms.Form):
    username = forms.CharField(max_length=150, label="Member's username")
    role = forms.ChoiceField(choices=[*Role.choices, ("", "Remove")], required=False)


class AddItemForm(forms.Form):
    """A member's own work or bookmark, picked from theirs."""

    work = forms.ModelChoiceField(queryset=None, required=False, label="One of your works")
    bookmark = forms.ModelChoiceField(queryset=None, required=False, label="One of your bookmarks")

    def __init__(self, *args, works=None, bookmarks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work"].queryset = works
        self.fields["bookmark"].queryset = bookmarks
        self.fields["bookmark"].label_from_instance = lambda b: f"Your bookmark of {b.work.title}"

    def clean(self):
        data = super().clean()
        if not data.get("work") and not data.get("bookmark"):
            raise forms.ValidationError("Choose a work or a bookmark to add.")
        return data


class InviteWorkForm(forms.Form):
    """A maintainer invites a work into the collection by its address or number (its creators approve), or
    a reader's bookmark of it, by the reader's username (the reader approves)."""

    work = forms.CharField(max_length=500, label="Work's address or number")
    username = forms.CharField(
        max_length=150,
        required=False,
        label="Reader's username (to invite their bookmark of the work)",
        help_text="Leave empty to invite the work itself.",
    )

    def clean_work(self):
        typed = self.cleaned_data["work"].strip().rstrip("/")
        tail = typed.rsplit("/works/", 1)[-1].split("/")[0].split("?")[0]
        if not tail.isdigit():
            raise forms.ValidationError("Give the work's address (…/works/123) or its number.")
        return int(tail)
