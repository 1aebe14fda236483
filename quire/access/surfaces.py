"""The places a work can be shown. The rules differ by surface: a feed is fetched without a session, a
moderator reaches a hidden work only on its own page, search holds public works only."""

from enum import StrEnum


class Surface(StrEnum):
    PAGE = "page"  # the work itself: its page, chapters, reviews, navigation
    LISTING = "listing"  # lists and counts: home, works, tags, profiles, series, bookmarks, shelves
    SEARCH = "search"  # full-text search (public works only are indexed)
    FEED = "feed"  # Atom feeds: fetched without a session, so a guest's view for everyone
    PUBLIC_CATALOG = "public_catalog"  # the OPDS catalog at /opds/: sessionless too
    PRIVATE_CATALOG = "private_catalog"  # a member's own OPDS address: their view of posted works
    INBOX = "inbox"  # notifications, in the inbox and by email
    DOWNLOAD = "download"  # EPUB, HTML, TXT, PDF (and the private catalog's acquisition links)
    API = "api"  # the JSON API: a guest's view without a token, the token holder's with one
    MODERATION = "moderation"  # the moderators' pages: reported, public or moderator-hidden works
