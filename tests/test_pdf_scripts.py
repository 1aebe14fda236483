"""PDFs in every script a fan work is written in (issue 20): each character is drawn in a font that has it,
Hebrew and Arabic run right to left with Arabic letters joined, and all of it stays text that pdftotext gives
back. Arabic comes back as the joined letters' presentation forms: NFKC turns them into plain letters."""

import re
import subprocess
import unicodedata

import pytest
from factories import make_work

from quire.core.text import TextFormat
from quire.exports.builders import pdf_text
from quire.exports.naming import download_url
from quire.works import services

pytestmark = pytest.mark.django_db

HEBREW = (
    "שלום עולם, זה הפרק הראשון בסיפור על הדרך הארוכה. "
    "רוֹרִי נסעה עם ג'ס לאורך הכביש עד שהשמש עלתה מעל ההרים. "
    "הם עצרו במסעדה קטנה, שתו קפה ודיברו על הספרים שאהבו."
)
ARABIC = "مرحبا بالعالم، هذا هو الفصل الأول من القصة. لا أحد يعرف إلى أين يذهب الطريق، لكنَّ القمر كان كبيرًا."
SCRIPTS = {
    "Latin": "Rory drove on: café, naïve, Ærøskøbing, Łódź, crème brûlée, Ελληνικά, Русский.",
    "中文と日本語": "狼の夢は静かな森の中で始まった。我爱你，月亮。",
    "한국어": "안녕하세요, 세계! 한국어 문장입니다.",
    "עברית": HEBREW,
    "العربية": ARABIC,
    "Emoji": "🐺 ✨ 🌙 😀 🎉",
}


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"


def work_in(writer, chapters: dict[str, str]):
    work = make_work(writer, title="Every Script")
    for number, (title, body) in enumerate(chapters.items(), 1):
        fields = services.ChapterFields(title=title, body=f"<p>{body}</p>", text_format=TextFormat.RICH)
        if number == 1:
            chapter = work.chapters.get()
            services.update_chapter(chapter=chapter, user=writer, fields=fields, base_version=chapter.version)
        else:
            services.add_chapter(work=work, user=writer, fields=fields, post=True)
    return work


def pdf_of(client, work) -> bytes:
    response = client.get(download_url(work, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def text_of(pdf: bytes, tmp_path) -> str:
    """pdftotext's text, without the direction marks it wraps right-to-left runs in, NFKC-normalised."""
    path = tmp_path / "work.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", re.sub("[\u202a-\u202e]", "", text))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def words(pattern: str, text: str) -> list[str]:
    return re.findall(pattern, unicodedata.normalize("NFKC", text))


def test_pdf_keeps_every_character_of_every_script(client, writer, tmp_path):
    text = text_of(pdf_of(client, work_in(writer, SCRIPTS)), tmp_path)
    for script, sample in SCRIPTS.items():
        assert set(squeezed(sample)) <= set(squeezed(text)), script
    for left_to_right in ("Latin", "中文と日本語", "한국어", "Emoji"):
        assert squeezed(SCRIPTS[left_to_right]) in squeezed(text), left_to_right


def test_pdf_lays_hebrew_and_arabic_out_right_to_left_in_reading_order(client, writer, tmp_path):
    raw = text_of(pdf_of(client, work_in(writer, {"עברית": HEBREW, "العربية": ARABIC})), tmp_path)
    hebrew, arabic = r"[\u0591-\u05c7\u05d0-\u05ea']+", r"[\u0621-\u065f]+"  # letters and their marks
    # pdftotext reads a right-to-left page's lines from the right: words drawn left to right in reading
    # order (ReportLab's own way) would come back reversed.
    assert words(hebrew, raw) == words(hebrew, "עברית " + HEBREW)
    assert words(arabic, raw) == words(arabic, "العربية " + ARABIC)


def test_pdf_draws_arabic_letters_joined(client, writer, tmp_path):
    path = tmp_path / "arabic.pdf"
    path.write_bytes(pdf_of(client, work_in(writer, {"العربية": ARABIC})))
    drawn = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # initial, medial and final forms, and lam-alef as one ligature
    assert {"\ufee3", "\ufeae", "\ufea3", "\ufe92", "\ufefb"} <= set(drawn)


def test_pdf_prints_bold_hebrew_in_a_bold_face(client, writer):
    pdf = pdf_of(client, work_in(writer, {"עברית": "<b>שלום</b> עולם"}))
    assert b"NotoSerifHebrew-Bold" in pdf and b"NotoSerifHebrew-Regular" in pdf


def test_pdf_of_a_latin_work_embeds_only_the_body_font(client, writer, tmp_path):
    work = work_in(writer, {"Latin": SCRIPTS["Latin"]})
    pdf = pdf_of(client, work)
    assert squeezed(SCRIPTS["Latin"]) in squeezed(text_of(pdf, tmp_path))
    fonts = set(re.findall(rb"/BaseFont /\w+\+([\w-]+)", pdf))
    assert fonts and all(font.startswith((b"DejaVuSerif", b"Vera")) for font in fonts), fonts


def test_pdf_is_built_with_the_fonts_there_are_when_some_are_missing(client, writer, tmp_path, monkeypatch):
    not_a_font = tmp_path / "NotAFont.ttf"
    not_a_font.write_bytes(b"not a font")
    monkeypatch.setattr(
        pdf_text,
        "FALLBACK_FONTS",
        [
            ("/usr/share/fonts/truetype/missing/Missing-Regular.ttf", None),
            (str(not_a_font), None),
            (
                "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                "/usr/share/fonts/truetype/missing/Missing-Bold.ttf",
            ),
        ],
    )
    text = text_of(pdf_of(client, work_in(writer, SCRIPTS)), tmp_path)
    # DejaVu Sans has Hebrew; the Chinese no font here has is drawn as boxes
    assert words(r"[\u05d0-\u05ea']+", text) == words(r"[\u05d0-\u05ea']+", "עברית " + HEBREW)
    assert squeezed(SCRIPTS["Latin"]) in squeezed(text)
