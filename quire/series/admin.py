from django.contrib import admin

from quire.series.models import Series, SeriesWork


class SeriesWorkInline(admin.TabularInline):
    model = SeriesWork
    raw_id_fields = ["work"]
    extra = 0


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "is_complete", "updated_at"]
    search_fields = ["title", "creatorships__pseud__name"]
    inlines = [SeriesWorkInline]
