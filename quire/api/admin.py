from django.contrib import admin

from quire.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff can see who has tokens and revoke one (set "revoked at"); the secrets are never stored."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username"]
    readonly_fields = ["user", "secret_hash", "prefix", "created_at", "last_used_at"]
