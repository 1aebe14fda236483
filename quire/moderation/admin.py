from django.contrib import admin

from quire.moderation.models import Block, Invite, ModerationAction, Mute, Report, SiteSwitches


@admin.register(SiteSwitches)
class SiteSwitchesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "registration", "guest_reviews", "downloads", "updated_at"]

    def has_add_permission(self, request):
        return not SiteSwitches.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["target_label", "target_type", "reason", "status", "created_at"]
    list_filter = ["status", "target_type", "reason"]
    search_fields = ["target_label", "details", "email"]

    # Reports are closed from the moderation queue, where each closing is logged with who and why; an edit
    # here would close one with no trace.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "kind", "target_label"]
    list_filter = ["kind", "target_type"]
    search_fields = ["target_label", "reason"]

    # The log is evidence: nobody edits or removes it, not even through the admin.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["email", "requested_at", "sent_at", "used_at"]
    search_fields = ["email"]


admin.site.register(Block)
admin.site.register(Mute)
