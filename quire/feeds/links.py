from quire.exports.naming import download_url


def epub_path(work) -> str:
    """Where a work's EPUB downloads from: /downloads/<id>/<Title>.epub."""
    return download_url(work, "epub")
