from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from quire.tags.models import Tag
from quire.tags.urlnames import from_url
from quire.works.models import Work

FEED_SIZE = 25


class TagWorksFeed(Feed):
    """New works in a tag (its synonyms and sub-tags included), for feed readers: what a guest may see."""

    feed_type = Atom1Feed

    def get_object(self, request, name):
        return get_object_or_404(Tag.objects.select_related("merger"), name__iexact=from_url(name)).filter_key

    def title(self, tag):
        return f"New works in {tag.name}"

    def link(self, tag):
        return tag.get_absolute_url()

    def subtitle(self, tag):
        return f"The latest works posted in {tag.name} on this archive."

    def items(self, tag):
        guest_visible = Work.objects.posted().filter(restricted=False, filters__tag=tag)
        return guest_visible.for_listing().order_by("-posted_at", "-id")[:FEED_SIZE]

    def item_title(self, work):
        return f"{work.title} by {work.pseud.byline}"

    def item_description(self, work):
        fandoms = ", ".join(t.name for t in work.fandoms)
        return f"<p>{fandoms} · {work.get_rating_display()} · {work.word_count} words · Chapters: {work.chapters_display}</p>{work.summary_html}"

    def item_author_name(self, work):
        return work.pseud.byline

    def item_pubdate(self, work):
        return work.posted_at

    def item_updateddate(self, work):
        return work.revised_at

    def item_categories(self, work):
        return [row.tag.name for row in work.work_tags.all()]
