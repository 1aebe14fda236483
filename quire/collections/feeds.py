"""A collection's Atom feed: its new works, as a guest sees them (unrevealed works only after the reveal)."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from quire.collections.models import Collection
from quire.collections.selectors import works_scope
from quire.feeds.atom import WorksFeed, feed_works


class CollectionWorksFeed(WorksFeed):
    def get_object(self, request, name):
        return get_object_or_404(Collection, name=name)

    def title(self, collection):
        return f"New works in {collection.title}"

    def link(self, collection):
        return self.absolute(collection.get_absolute_url())

    def subtitle(self, collection):
        return f"The latest works in the collection {collection.title} on {settings.SITE_NAME}."

    def items(self, collection):
        return self.latest(feed_works().filter(works_scope(collection)))
