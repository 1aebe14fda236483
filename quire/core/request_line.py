"""How long a request's first line (method, path and query string) may be: no plain-Python import here, so
gunicorn's configuration (quire/core/gunicorn_config.py) reads the same number as the archive does."""

# The longest request line the API document and the listing forms allow is about 115 KB: a 500-character
# search and 30 included and 30 excluded tags of 150 characters each, with every character 12 bytes once
# percent-encoded (a 4-byte character such as an emoji or a rare CJK one; common CJK takes 9), plus the
# other filters. tests/test_request_limits.py builds it from the OpenAPI document and checks it fits.
MAX_REQUEST_LINE = 128 * 1024
