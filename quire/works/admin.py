from django.contrib import admin

from quire.works.models import Chapter, Work


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "rating", "posted_at", "revised_at", "hidden_at"]
    search_fields = ["title", "author__username"]
    raw_id_fields = ["author", "pseud"]


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["work", "position", "title", "posted_at", "release_at"]
    raw_id_fields = ["work"]
