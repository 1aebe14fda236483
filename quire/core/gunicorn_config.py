"""gunicorn's settings for `quire serve` (`--config python:quire.core.gunicorn_config`): how much of a
request's first line and headers it reads before the archive sees the request."""

import gunicorn.http.message

from quire.core.request_line import MAX_REQUEST_LINE

# gunicorn caps --limit-request-line at 8190 bytes whatever it is given, and only 0 (no limit at all) goes
# past that cap; a search the API allows is up to ~115 KB. No limit is not an option: gunicorn reads a line
# in time growing with the square of its length (a 10 MB line held a worker 7.6 s, 30 MB until it was
# killed), so the cap is raised to a bound instead. Past MAX_REQUEST_LINE the archive answers 414 itself
# (JSON on the API; quire.core.middleware.RequestLineLimitMiddleware); past READ_AT_MOST (0.13 s to read)
# gunicorn closes the connection with its own 400 page: no form or client of the API gets there.
READ_AT_MOST = 8 * MAX_REQUEST_LINE
gunicorn.http.message.MAX_REQUEST_LINE = READ_AT_MOST
limit_request_line = READ_AT_MOST

# No limit per header (0), so a long header (a Referer or htmx's HX-Current-URL naming a long listing
# address, an overlong token) reaches the archive, which answers it. gunicorn still bounds all the headers
# together, at limit_request_fields × its default 8190 bytes (~800 KB, read in 0.03 s); a per-header limit
# would raise that bound too (128 KB each let 13 MB of headers through, 12 s to read).
limit_request_field_size = 0
limit_request_fields = 100  # gunicorn's default: headers a request may have
