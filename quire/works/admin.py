from django.contrib import admin

from quire.discovery.indexing import index_works
from quire.works.models import Chapter, Work


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "rating", "posted_at", "revised_at", "hidden_at"]
    search_fields = ["title", "author__username"]
    raw_id_fields = ["author", "pseud"]
    # Derived from the tags by quire.tags.filters; Work.save() never writes it.
    readonly_fields = ["is_crossover"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Search documents copy the author, the restricted flag and the update time.
        index_works([obj.pk])


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["work", "position", "title", "posted_at", "release_at"]
    raw_id_fields = ["work"]
