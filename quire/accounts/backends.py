"""Loading the logged-in member once per request, with what every page asks of them in the same query."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from quire.access.reading import notifications_for
from quire.accounts.models import Pseud, User

# Sessions started before this backend name Django's; `settings.AUTHENTICATION_BACKENDS` keeps it after this
# one, so they stay logged in (and are loaded the old way) until they log in again.
PATH = "quire.accounts.backends.MemberBackend"


class MemberBackend(ModelBackend):
    """Django's ModelBackend, but a member is loaded with whether they hold any permission at all, how many
    pseuds they have and how many unread messages. Most members hold none, so the header's staff links and the work page's moderator
    link ask nothing more (they cost two queries per page), and a member with one pseud gets no pseud select
    without a query for their pseuds (`accounts.forms.add_pseud_choice`)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and username is not None and password is not None:
            # Refused here: Django's own backend, listed after this one for older sessions, would check the
            # same password again (a second Argon2 hash for every failed login).
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        own = User.user_permissions.through.objects.filter(user_id=OuterRef("pk"))
        groups = User.groups.through.objects.filter(user_id=OuterRef("pk"))
        pseuds = Pseud.objects.filter(user_id=OuterRef("pk")).order_by().values("user_id")
        # The header's unread count: every page shows it. Counted as the request starts; nothing read or
        # received later in the same request (each marks read by a POST that redirects) goes unseen.
        unread = notifications_for(User(pk=user_id)).filter(read_at__isnull=True).order_by().values("user_id")
        try:
            user = User._default_manager.annotate(
                own_permissions=Exists(own),
                in_groups=Exists(groups),
                pseud_count=pseuds.annotate(n=Count("pk")).values("n"),
                unread_notifications=Coalesce(Subquery(unread.annotate(n=Count("pk")).values("n")), 0),
            ).get(pk=user_id)
        except User.DoesNotExist:
            return None
        if not (user.own_permissions or user.in_groups):
            # What ModelBackend would have read: nothing (a superuser's checks never read these).
            user._user_perm_cache = user._group_perm_cache = user._perm_cache = set()
        return user if self.user_can_authenticate(user) else None
