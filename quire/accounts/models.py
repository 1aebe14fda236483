import unicodedata
import zoneinfo
from functools import cache

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from quire.accounts.preferences import FontFamily, FontSize, LineWidth, Theme

# The account orphaned works are credited to (quire.privacy.deletion makes it on first use); nobody logs in
# to it, so nobody may invite it or give it a gift.
ORPHAN_USERNAME = "orphan_account"


class EmailFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", "As it happens"
    DAILY = "daily", "Once a day, in a digest"
    NEVER = "never", "Never (the site inbox only)"


@cache
def time_zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def validate_time_zone(name: str) -> None:
    if name not in time_zone_names():
        raise ValidationError(
            f"“{name}” is not a time zone Quire knows; choose one from the list, such as Europe/Paris."
        )


def login_name(typed: str) -> str:
    """The name a typed login username is compared as: trimmed and NFKC-normalised (Django's login form does
    the same), so a fullwidth "ａｌｉｃｅ" is "alice". Case is ignored by the comparison in `for_login`."""
    return unicodedata.normalize("NFKC", typed.strip())


class QuireUserManager(UserManager):
    def for_login(self, typed: str):
        """The account (at most one) a login with this typed username reaches. Login and the login lockout
        (quire.accounts.views.login_checks) both call this, so a variant that logs in is counted as the
        same account (a fullwidth or mixed-case name once dodged the lockout)."""
        # Logging in as "Alice" or "alice" reaches the same account, as usernames are unique ignoring case.
        return self.filter(username__iexact=login_name(typed))

    def get_by_natural_key(self, username):
        return self.for_login(username).get()


class User(AbstractUser):
    about = models.TextField("about me", blank=True, max_length=2000)
    font_size = models.CharField(max_length=10, choices=FontSize.choices, default=FontSize.MEDIUM)
    font_family = models.CharField(max_length=10, choices=FontFamily.choices, default=FontFamily.SERIF)
    line_width = models.CharField(max_length=10, choices=LineWidth.choices, default=LineWidth.MEDIUM)
    theme = models.CharField(max_length=10, choices=Theme.choices, default=Theme.AUTO)
    email_notifications = models.CharField(
        max_length=12,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATELY,
        verbose_name="Email me",
    )
    # Set by a moderator (quire.moderation): until then the user may read but not post, edit, review or kudos.
    suspended_until = models.DateTimeField(null=True, blank=True)

    # Scheduled chapters are typed and shown in it; everything is stored in UTC.
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    keep_reading_history = models.BooleanField(
        "Keep my reading history",
        default=True,
        help_text="Remember the works I open and where I stopped, for “continue reading”. Only you can see it.",
    )

    # AO3's reader preferences: no adult-content notice, and warnings or additional tags kept behind a click
    # (a spoiler guard) on blurbs and work pages.
    view_adult = models.BooleanField("Show me adult works without the notice", default=False)
    hide_warnings = models.BooleanField("Hide archive warnings until I click (they can spoil)", default=False)
    hide_additional_tags = models.BooleanField("Hide additional tags until I click", default=False)

    # An account an archive import made (quire.imports) for an author who has not claimed it yet: bylines
    # mark its pseuds "(imported)", and nobody can log in to it (its password is unusable).
    unclaimed_import = models.BooleanField(default=False)

    objects = QuireUserManager()

    def save(self, *args, **kwargs):
        # Every account can be credited at once, however it was made (signup, `quire createsuperuser`, the
        # admin, a shell): the default pseud is made with the account, under its name.
        creating = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if creating:
                Pseud.objects.get_or_create(user=self, is_default=True, defaults={"name": self.username[:40]})

    class Meta:
        constraints = [models.UniqueConstraint(Lower("username"), name="unique_username_ignoring_case")]

    def get_absolute_url(self):
        return reverse("accounts:profile", args=[self.username])

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def default_pseud(self) -> "Pseud":
        return self.pseuds.get(is_default=True)


# How an unclaimed imported author's pen name is marked wherever it is shown (Pseud.shown_name).
IMPORTED_MARK = "(imported)"


class Pseud(models.Model):
    """A name a user writes under; every user has a default pseud named like the account (as on AO3)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="pseuds")
    name = models.CharField(max_length=40)
    description = models.TextField(blank=True, max_length=500)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="unique_pseud_name_per_user"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_default=True), name="one_default_pseud_per_user"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:pseud", args=[self.user.username, self.name])

    @property
    def shown_name(self) -> str:
        """The pseud's name as readers are told it: an imported author's pen name marked "(imported)" until
        they claim the account. The bylines (pages, feeds, catalogs, downloads) and the API's pseud fields all
        read it, so the mark is one rule."""
        return f"{self.name} {IMPORTED_MARK}" if self.user.unclaimed_import else self.name

    @property
    def byline(self) -> str:
        """ "pseud (username)" when they differ, as AO3 shows it; an unclaimed imported author's pen name
        marked instead (shown_name): their account's name is the import's, not one they chose."""
        if self.user.unclaimed_import:
            return self.shown_name
        username = self.user.username
        return self.name if self.name.lower() == username.lower() else f"{self.name} ({username})"
