"""Who may see what, on which surface, and who may write what: every such rule lives in this package.

- `surfaces`: the surfaces a work can appear on (a page, a listing, search, a feed, a catalog, ...).
- `reading`: which works, chapters, reviews, tags and notifications a viewer may see on a surface, and how
  the adult-content notice applies there.
- `writing`: which writes a user may make (ownership, suspension, bans, blocks), as named predicates that
  every service calls, so the web, the API and `quire` commands enforce the same rules.
- `staff`: what staff may do to whom (moderators may not act on staff; superusers may).

Code outside this package does not filter works or chapters on their posted, hidden, restricted or draft
state: tests/test_access_layer.py fails when it does.
"""
