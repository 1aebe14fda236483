from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """A posted, unhidden work's searchable text, kept in step by quire.discovery.indexing.

    SQLite searches it through an FTS5 table fed by triggers; PostgreSQL through `vector` and a GIN index
    (both made by this app's migrations for their database only).

    On PostgreSQL a search that only narrows by tags reads this table alone (quire.discovery.listing): the
    work's author, restricted flag and update time are copied here, and its texts are stored out of line
    (toast_tuple_target), so matching a common word reads narrow rows instead of every work's summary.
    """

    work = models.OneToOneField(
        "works.Work", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    restricted = models.BooleanField(default=False)
    revised_at = models.DateTimeField()
    title = models.TextField()
    tags = models.TextField(
        blank=True, help_text="Tag names with their canonical tags, meta tags and synonyms"
    )
    people = models.TextField(blank=True, help_text="Author and pseud names")
    summary = models.TextField(blank=True, help_text="Summary and notes")
    body = models.TextField(blank=True, help_text="The text of every posted chapter")
    vector = SearchVectorField(null=True)

    def __str__(self):
        return self.title


class TagExclusion(models.Model):
    """A tag a reader never wants to see: applied to every listing and search while they are logged in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tag_exclusions"
    )
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tag"], name="unique_tag_exclusion")]

    def __str__(self):
        return f"{self.user_id} excludes {self.tag_id}"
