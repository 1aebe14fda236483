"""The news as an Atom feed. Feed readers never log in: a guest's view (published posts) for everyone."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from quire.access.reading import news_posts_for
from quire.access.surfaces import Surface
from quire.feeds.atom import FEED_SIZE, AbsoluteFeed


class NewsFeed(AbsoluteFeed):
    def title(self):
        return f"{settings.SITE_NAME} news"

    def subtitle(self):
        return f"News and announcements from the staff of {settings.SITE_NAME}."

    def link(self):
        return self.absolute(reverse("news:list"))

    # Posts are the archive's word, not one staff member's (AO3 names no author on its news either).
    def author_name(self):
        return settings.SITE_NAME

    def items(self):
        return news_posts_for(AnonymousUser(), Surface.FEED)[:FEED_SIZE]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body_html

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return max(post.published_at, post.updated_at)
