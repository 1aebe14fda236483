from django.contrib import admin

from quire.sitepages.models import TermsAgreement

# Pages are written on the site (/about/), where the sanitizer, the history and the footer's cache are kept
# in step; the admin only shows who agreed to which version of the terms.


@admin.register(TermsAgreement)
class TermsAgreementAdmin(admin.ModelAdmin):
    list_display = ["user", "version", "agreed_at"]
    list_filter = ["version"]
    search_fields = ["user__username"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
