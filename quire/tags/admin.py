from django.contrib import admin

from quire.tags.models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "canonical", "merger"]
    list_filter = ["type", "canonical"]
    search_fields = ["name"]
    raw_id_fields = ["merger"]

    def get_readonly_fields(self, request, obj=None):
        # Works are filed under a tag with its type (WorkFilter.tag_type); a type is chosen once.
        return ["type"] if obj is not None else []
