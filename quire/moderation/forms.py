from django import forms
from django.utils import timezone

from quire.moderation.models import ModerationAction, Report, SiteSwitches


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason closest to the problem."},
    )
    details = forms.CharField(
        label="Tell the moderators more",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is the problem, and where exactly? Links help. Up to 5,000 characters.",
        error_messages={
            "required": "Describe the problem so the moderators can act on it.",
            "max_length": "Keep it to 5,000 characters (this has %(show_value)d).",
        },
    )
    email = forms.EmailField(
        label="Your email",
        help_text="In case the moderators need to ask you something. Never shown to anyone.",
        error_messages={"required": "Give an email address so the moderators can reach you."},
    )

    def __init__(self, *args, guest: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not guest:
            del self.fields["email"]


CONFIRMED_ACTIONS = {ModerationAction.Kind.DELETE, ModerationAction.Kind.BAN}


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label="Action", error_messages={"required": "Choose an action."})
    reason = forms.CharField(
        label="Reason",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the log, and sent to the person affected.",
        error_messages={"required": "Say why: the log and the affected user both get the reason."},
    )
    until = forms.DateTimeField(
        label="Suspended until",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text="Only for a suspension: when it ends (server time).",
    )
    # Set by the confirmation step that deleting and banning go through (ActionForm.needs_confirming).
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ACTION_LABELS)
        self.fields["kind"].choices = [("", "Choose an action")] + [(kind, labels[kind]) for kind in kinds]

    def needs_confirming(self) -> bool:
        """Deleting cannot be undone and a ban ends an account's every session: asked twice."""
        return self.cleaned_data["kind"] in CONFIRMED_ACTIONS and not self.cleaned_data["confirmed"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ModerationAction.Kind.SUSPEND:
            until = cleaned.get("until")
            if until is None:
                self.add_error("until", "A suspension needs an end: give a date and time.")
            elif until <= timezone.now():
                self.add_error("until", "The end of a suspension must be in the future.")
        return cleaned


ACTION_LABELS = [
    ("hide", "Hide (only the author and moderators see it)"),
    ("restore", "Restore (show it again)"),
    ("delete", "Delete"),
    ("warn", "Warn the author"),
    ("suspend", "Suspend the author until a time"),
    ("unsuspend", "Lift the suspension"),
    ("ban", "Ban the account"),
    ("unban", "Lift the ban"),
    ("dismiss", "Dismiss the reports (no action)"),
]


class SwitchesForm(forms.ModelForm):
    class Meta:
        model = SiteSwitches
        fields = ["registration", "guest_reviews", "downloads"]
        widgets = {"registration": forms.RadioSelect}
        labels = {"guest_reviews": "Guests may leave reviews", "downloads": "Works may be downloaded"}


class InviteRequestForm(forms.Form):
    email = forms.EmailField(
        label="Your email",
        help_text="We will email your invitation code here when a moderator sends it.",
        error_messages={"required": "Give the address your invitation should go to."},
    )


class InviteSendForm(forms.Form):
    email = forms.EmailField(label="Invite someone by email")
