"""EPUBs shaped like the ones readers bring: AO3's (Calibre-made, EPUB 2) and hostile archives."""

import io
import zipfile

AO3_PREFACE = """<?xml version='1.0' encoding='utf-8'?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>Exit Ramps</title><link href="stylesheet.css" rel="stylesheet" type="text/css"/></head>
<body class="calibre">
<div id="preface" class="calibre1">
  <p class="message">This work could have adult content. If so, please be careful.</p>
  <div class="meta">
    <dl class="tags">
      <dt class="calibre2">Rating:</dt><dd class="calibre3"><a href="http://archiveofourown.org/tags/Mature">Mature</a></dd>
      <dt class="calibre2">Archive Warning:</dt><dd class="calibre3"><a href="#">Graphic Depictions Of Violence</a>, <a href="#">Major Character Death</a></dd>
      <dt class="calibre2">Category:</dt><dd class="calibre3"><a href="#">F/M</a>, <a href="#">Gen</a></dd>
      <dt class="calibre2">Fandom:</dt><dd class="calibre3"><a href="#">Gilmore Girls</a>, <a href="#">Veronica Mars (TV)</a></dd>
      <dt class="calibre2">Relationship:</dt><dd class="calibre3"><a href="#">Jess Mariano/Rory Gilmore</a></dd>
      <dt class="calibre2">Character:</dt><dd class="calibre3"><a href="#">Rory Gilmore</a>, <a href="#">Jess Mariano</a>, <a href="#">Veronica Mars</a></dd>
      <dt class="calibre2">Additional Tags:</dt><dd class="calibre3"><a href="#">Road Trips</a>, <a href="#">Crossover</a></dd>
      <dt class="calibre2">Language:</dt><dd class="calibre3">English</dd>
      <dt class="calibre2">Stats:</dt><dd class="calibre3">Published: 2024-01-02 Completed: 2024-02-03 Words: 30 Chapters: 2/2</dd>
    </dl>
    <h1 class="calibre4">Exit Ramps</h1>
    <div class="byline">by <a rel="author" href="http://archiveofourown.org/users/someone/pseuds/someone">someone</a></div>
    <p class="calibre5">Summary</p>
    <blockquote class="userstuff"><p>Two detectives, one car.</p></blockquote>
    <p class="calibre5">Notes</p>
    <blockquote class="userstuff"><p>For my beta.</p></blockquote>
  </div>
</div>
</body></html>"""

AO3_CHAPTER = """<?xml version='1.0' encoding='utf-8'?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>{heading}</title><link href="stylesheet.css" rel="stylesheet" type="text/css"/></head>
<body class="calibre">
<div id="chapters" class="userstuff1">
  <h2 class="toc-heading">{heading}</h2>
  <div class="meta group">
    {head_notes}
  </div>
  <div class="userstuff"><p>{text}</p><p>Second <em>paragraph</em>.</p></div>
  {end_notes}
</div>
</body></html>"""

AO3_AFTERWORD = """<?xml version='1.0' encoding='utf-8'?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>Afterword</title></head>
<body class="calibre">
<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
  <div id="endnotes"><p class="calibre5">End Notes</p><blockquote class="userstuff"><p>Thanks for reading!</p></blockquote></div>
  <p class="message">Please <a href="http://archiveofourown.org/works/1">drop by the archive and comment</a> to let the creator know if you enjoyed their work!</p>
</div>
</body></html>"""

AO3_OPF = """<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uuid_id">
  <metadata xmlns:opf="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:calibre="http://calibre.kovidgoyal.net/2009/metadata">
    <dc:title>Exit Ramps</dc:title>
    <dc:creator opf:role="aut" opf:file-as="someone">someone</dc:creator>
    <dc:identifier id="uuid_id" opf:scheme="uuid">0c2e5c1a-0000-4000-8000-000000000001</dc:identifier>
    <dc:language>en</dc:language>
    <dc:publisher>Archive of Our Own</dc:publisher>
    <dc:description>&lt;p&gt;Two detectives, one car.&lt;/p&gt;</dc:description>
    <dc:subject>Gilmore Girls</dc:subject>
    <dc:subject>Mature</dc:subject>
    <meta name="calibre:series" content="Road Trip Verse"/>
  </metadata>
  <manifest>
    <item href="Exit_Ramps_split_000.xhtml" id="id1" media-type="application/xhtml+xml"/>
    <item href="Exit_Ramps_split_001.xhtml" id="id2" media-type="application/xhtml+xml"/>
    <item href="Exit_Ramps_split_002.xhtml" id="id3" media-type="application/xhtml+xml"/>
    <item href="Exit_Ramps_split_003.xhtml" id="id4" media-type="application/xhtml+xml"/>
    <item href="stylesheet.css" id="css" media-type="text/css"/>
    <item href="toc.ncx" id="ncx" media-type="application/x-dtbncx+xml"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="id1"/><itemref idref="id2"/><itemref idref="id3"/><itemref idref="id4"/>
  </spine>
</package>"""

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def zip_bytes(entries: dict, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ao3_epub() -> bytes:
    chapter_one = AO3_CHAPTER.format(
        heading="Chapter 1: Mile Zero",
        head_notes='<p class="calibre5">Chapter Summary</p><blockquote class="userstuff"><p>They leave.</p></blockquote>'
        '<p class="calibre5">Chapter Notes</p><blockquote class="userstuff"><p>Here we go.</p></blockquote>',
        text="“Come away with me…” he said.",
        end_notes="",
    )
    chapter_two = AO3_CHAPTER.format(
        heading="Chapter 2",
        head_notes="",
        text="They drove until dawn.",
        end_notes='<div class="meta group"><p class="calibre5">Chapter End Notes</p>'
        '<blockquote class="userstuff"><p>The end!</p></blockquote></div>',
    )
    return zip_bytes(
        {
            "META-INF/container.xml": CONTAINER.format(opf="content.opf"),
            "content.opf": AO3_OPF,
            "Exit_Ramps_split_000.xhtml": AO3_PREFACE,
            "Exit_Ramps_split_001.xhtml": chapter_one,
            "Exit_Ramps_split_002.xhtml": chapter_two,
            "Exit_Ramps_split_003.xhtml": AO3_AFTERWORD,
            "stylesheet.css": "body { margin: 0 }",
            "toc.ncx": "<ncx/>",
        }
    )


# --- A work as AO3 downloads it today (otwarchive app/views/downloads/*.html.erb): one HTML file, which
# Calibre splits into the EPUB's pages (preface, a page per chapter, afterword) ---------------------------

AO3_DOWNLOAD_PREFACE = """<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message">
    <b>{title}</b><br/>
    Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a> at <a href="{url}">{url}</a>.
  </p>
  <div class="meta">
    <dl class="tags">
      <dt>Rating:</dt>
      <dd><a href="https://archiveofourown.org/tags/Mature">Mature</a></dd>
      <dt>Archive Warnings:</dt>
      <dd><a href="#">Graphic Depictions Of Violence</a>, <a href="#">Major Character Death</a></dd>
      <dt>Category:</dt>
      <dd><a href="#">F/M</a></dd>
      <dt>Fandom:</dt>
      <dd><a href="#">{fandom}</a></dd>
      <dt>Relationship:</dt>
      <dd><a href="#">Jess Mariano/Rory Gilmore</a></dd>
      <dt>Characters:</dt>
      <dd><a href="#">Rory Gilmore</a>, <a href="#">Jess Mariano</a></dd>
      <dt>Additional Tags:</dt>
      <dd><a href="#">Road Trips</a>, <a href="#">Angst</a></dd>
      <dt>Language:</dt>
      <dd>English</dd>
      <dt>Series:</dt>
      <dd>Part {part} of
<a href="https://archiveofourown.org/series/42">{series}</a></dd>
      <dt>Stats:</dt>
      <dd>
        Published: {published}
          Completed: {updated}
        Words: 30
        Chapters: 2/2
      </dd>
    </dl>
    <h1>{title}</h1>
    <div class="byline">by <a rel="author" href="https://archiveofourown.org/users/someone/pseuds/someone">someone</a></div>
      <p>Summary</p>
      <blockquote class="userstuff"><p>Two detectives, one car.</p></blockquote>
      <p>Notes</p>
        <blockquote class="userstuff"><p>For my beta.</p></blockquote>
        <div class="endnote-link">See the end of the work for more <a href="#endnotes">notes</a></div>
  </div>
</div>"""

AO3_DOWNLOAD_CHAPTERS = [
    """<div class="meta group">
  <h2 class="heading">Chapter 1: Mile Zero</h2>
    <p>Chapter Summary</p>
    <blockquote class="userstuff"><p>They leave.</p></blockquote>
    <p>Chapter Notes</p>
      <blockquote class="userstuff"><p>Here we go.</p></blockquote>
</div>
<!--chapter content-->
<div class="userstuff">
  <p>“Come away with me…” he said.</p><p>She got in.</p>
</div>
<!--/chapter content-->""",
    """<div class="meta group">
  <h2 class="heading">Chapter 2</h2>
    <p>Chapter Notes</p>
      <div class="endnote-link">See the end of the chapter for  <a href="#endnotes2">notes</a></div>
</div>
<!--chapter content-->
<div class="userstuff">
  <p>They drove until dawn.</p>
</div>
<!--/chapter content-->
  <div class="meta" id="endnotes2">
    <p>Chapter End Notes</p>
    <blockquote class="userstuff"><p>The end!</p></blockquote>
  </div>""",
]

AO3_DOWNLOAD_AFTERWORD = """<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
    <div class="meta">
        <div id="endnotes">
          <p>End Notes</p>
          <blockquote class="userstuff"><p>Thanks for reading!</p></blockquote>
        </div>
    </div>
  <p class="message">Please <a href="{url}/comments/new">drop by the Archive and comment</a> to let the creator know if you enjoyed their work!</p>
</div>"""

AO3_BAREBONES = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
<head>
  <meta charset="utf-8" />
  <meta http-equiv="x-ua-compatible" content="ie=edge" />
  <title>{title}</title>
  <style type="text/css">p.message {{ text-align: center; }}</style>
</head>
<body>
{body}
</body>
</html>"""


def _ao3_parts(**values) -> dict:
    values = {
        "title": "Exit Ramps",
        "url": "https://archiveofourown.org/works/123456",
        "fandom": "Gilmore Girls",
        "series": "Road Trip Verse",
        "part": 2,
        "published": "2015-03-02",
        "updated": "2016-01-10",
        **values,
    }
    return {
        "title": values["title"],
        "preface": AO3_DOWNLOAD_PREFACE.format(**values),
        "chapters": AO3_DOWNLOAD_CHAPTERS,
        "afterword": AO3_DOWNLOAD_AFTERWORD.format(**values),
    }


def ao3_download_html(**values) -> bytes:
    """A two-chapter work as AO3's "Download → HTML" gives it."""
    parts = _ao3_parts(**values)
    chapters = '<div id="chapters" class="userstuff">\n' + "\n".join(parts["chapters"]) + "\n</div>"
    body = "\n".join([parts["preface"], chapters, parts["afterword"]])
    return AO3_BAREBONES.format(title=parts["title"], body=body).encode()


def ao3_download_epub(**values) -> bytes:
    """The same work as AO3's "Download → EPUB": Calibre's conversion of that HTML, a page per part."""
    parts = _ao3_parts(**values)
    pages = [
        parts["preface"],
        *(f'<div id="chapters" class="userstuff">{chapter}</div>' for chapter in parts["chapters"]),
        parts["afterword"],
    ]
    xhtml = "<?xml version='1.0' encoding='utf-8'?>\n" + AO3_BAREBONES.split("\n", 1)[1]
    entries = {
        f"text/part{index:04}.xhtml": xhtml.format(title=parts["title"], body=page)
        for index, page in enumerate(pages)
    }
    manifest = "".join(
        f'<item href="{name}" id="p{index}" media-type="application/xhtml+xml"/>'
        for index, name in enumerate(entries)
    )
    spine = "".join(f'<itemref idref="p{index}"/>' for index in range(len(entries)))
    opf = f"""<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uuid_id">
  <metadata xmlns:opf="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>{parts["title"]}</dc:title>
    <dc:language>en</dc:language>
    <dc:identifier id="uuid_id" opf:scheme="uuid">0c2e5c1a-0000-4000-8000-000000000002</dc:identifier>
    <dc:publisher>Archive of Our Own</dc:publisher>
  </metadata>
  <manifest>{manifest}<item href="toc.ncx" id="ncx" media-type="application/x-dtbncx+xml"/></manifest>
  <spine toc="ncx">{spine}</spine>
</package>"""
    return zip_bytes(
        {
            "META-INF/container.xml": CONTAINER.format(opf="content.opf"),
            "content.opf": opf,
            **entries,
            "toc.ncx": "<ncx/>",
        }
    )
