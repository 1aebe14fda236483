from django.contrib import admin

from quire.discovery.indexing import index_works
from quire.tags.filters import rebuild_work_filters, works_affected_by
from quire.tags.models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "canonical", "merger"]
    list_filter = ["type", "canonical"]
    search_fields = ["name"]
    raw_id_fields = ["merger"]

    def get_readonly_fields(self, request, obj=None):
        # Works are filed under a tag with its type (WorkFilter.tag_type); a type is chosen once. Canonical
        # and synonym changes refile works, which the wrangling pages and `quire tag` do and this form cannot.
        return ["type", "canonical", "merger"] if obj is not None else []

    def delete_model(self, request, obj):
        self._refiling([obj.pk], lambda: super(TagAdmin, self).delete_model(request, obj))

    def delete_queryset(self, request, queryset):
        self._refiling(
            list(queryset.values_list("pk", flat=True)),
            lambda: super(TagAdmin, self).delete_queryset(request, queryset),
        )

    @staticmethod
    def _refiling(tag_ids, delete):
        """Works that lose a tag lose what it filed them under too: its canonical and meta tags' keys."""
        affected = works_affected_by(tag_ids)
        delete()
        rebuild_work_filters(affected)
        index_works(affected)
