"""The languages fan works are written in, after AO3's list: natural languages with a writing community
and the constructed ones fandoms write in (Klingon, Sindarin, Toki Pona), not every locale Django knows
("Algerian Arabic", "Nicaraguan Spanish"). Each is shown by its English name with its own name beside it."""

# (code, English name, the language's own name). Codes are BCP 47, as EPUB and HTML expect.
LANGUAGES = [
    ("af", "Afrikaans", "Afrikaans"),
    ("sq", "Albanian", "Shqip"),
    ("ar", "Arabic", "العربية"),
    ("hy", "Armenian", "Հայերեն"),
    ("ast", "Asturian", "Asturianu"),
    ("az", "Azerbaijani", "Azərbaycanca"),
    ("eu", "Basque", "Euskara"),
    ("be", "Belarusian", "Беларуская"),
    ("bn", "Bengali", "বাংলা"),
    ("bs", "Bosnian", "Bosanski"),
    ("br", "Breton", "Brezhoneg"),
    ("bg", "Bulgarian", "Български"),
    ("my", "Burmese", "မြန်မာ"),
    ("yue", "Cantonese", "粵語"),
    ("ca", "Catalan", "Català"),
    ("ckb", "Central Kurdish", "کوردی"),
    ("zh-hans", "Chinese (Simplified)", "中文(简体)"),
    ("zh-hant", "Chinese (Traditional)", "中文(繁體)"),
    ("hr", "Croatian", "Hrvatski"),
    ("cs", "Czech", "Čeština"),
    ("da", "Danish", "Dansk"),
    ("nl", "Dutch", "Nederlands"),
    ("en", "English", "English"),
    ("eo", "Esperanto", "Esperanto"),
    ("et", "Estonian", "Eesti"),
    ("fil", "Filipino", "Filipino"),
    ("fi", "Finnish", "Suomi"),
    ("fr", "French", "Français"),
    ("fy", "Frisian", "Frysk"),
    ("gl", "Galician", "Galego"),
    ("ka", "Georgian", "ქართული"),
    ("de", "German", "Deutsch"),
    ("el", "Greek", "Ελληνικά"),
    ("he", "Hebrew", "עברית"),
    ("hi", "Hindi", "हिन्दी"),
    ("hu", "Hungarian", "Magyar"),
    ("is", "Icelandic", "Íslenska"),
    ("io", "Ido", "Ido"),
    ("ig", "Igbo", "Igbo"),
    ("id", "Indonesian", "Bahasa Indonesia"),
    ("ia", "Interlingua", "Interlingua"),
    ("ga", "Irish", "Gaeilge"),
    ("it", "Italian", "Italiano"),
    ("ja", "Japanese", "日本語"),
    ("kab", "Kabyle", "Taqbaylit"),
    ("kn", "Kannada", "ಕನ್ನಡ"),
    ("kk", "Kazakh", "Қазақша"),
    ("km", "Khmer", "ខ្មែរ"),
    ("tlh", "Klingon", "tlhIngan Hol"),
    ("ko", "Korean", "한국어"),
    ("ku", "Kurdish", "Kurdî"),
    ("ky", "Kyrgyz", "Кыргызча"),
    ("la", "Latin", "Latina"),
    ("lv", "Latvian", "Latviešu"),
    ("lt", "Lithuanian", "Lietuvių"),
    ("dsb", "Lower Sorbian", "Dolnoserbšćina"),
    ("lb", "Luxembourgish", "Lëtzebuergesch"),
    ("mk", "Macedonian", "Македонски"),
    ("ms", "Malay", "Bahasa Melayu"),
    ("ml", "Malayalam", "മലയാളം"),
    ("mr", "Marathi", "मराठी"),
    ("mn", "Mongolian", "Монгол"),
    ("ne", "Nepali", "नेपाली"),
    ("nb", "Norwegian Bokmål", "Norsk bokmål"),
    ("nn", "Norwegian Nynorsk", "Norsk nynorsk"),
    ("os", "Ossetian", "Ирон"),
    ("fa", "Persian", "فارسی"),
    ("pl", "Polish", "Polski"),
    ("pt-br", "Portuguese (Brazil)", "Português brasileiro"),
    ("pt", "Portuguese (Portugal)", "Português europeu"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("qya", "Quenya", "Quenya"),
    ("ro", "Romanian", "Română"),
    ("ru", "Russian", "Русский"),
    ("sco", "Scots", "Scots"),
    ("gd", "Scottish Gaelic", "Gàidhlig"),
    ("sr", "Serbian", "Српски"),
    ("sjn", "Sindarin", "Sindarin"),
    ("sk", "Slovak", "Slovenčina"),
    ("sl", "Slovenian", "Slovenščina"),
    ("es", "Spanish", "Español"),
    ("sw", "Swahili", "Kiswahili"),
    ("sv", "Swedish", "Svenska"),
    ("tg", "Tajik", "Тоҷикӣ"),
    ("ta", "Tamil", "தமிழ்"),
    ("tt", "Tatar", "Татарча"),
    ("te", "Telugu", "తెలుగు"),
    ("th", "Thai", "ไทย"),
    ("tok", "Toki Pona", "toki pona"),
    ("tr", "Turkish", "Türkçe"),
    ("tk", "Turkmen", "Türkmençe"),
    ("udm", "Udmurt", "Удмурт"),
    ("uk", "Ukrainian", "Українська"),
    ("hsb", "Upper Sorbian", "Hornjoserbšćina"),
    ("ur", "Urdu", "اُردُو"),
    ("ug", "Uyghur", "ئۇيغۇرچە"),
    ("uz", "Uzbek", "Oʻzbekcha"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("cy", "Welsh", "Cymraeg"),
    ("yi", "Yiddish", "ייִדיש"),
]

LANGUAGE_NAMES = {code: english for code, english, _ in LANGUAGES}
# What the forms and the API accept, by English name.
LANGUAGE_CHOICES = [
    (code, english if own == english else f"{english} ({own})") for code, english, own in LANGUAGES
]
# Locales Quire once offered (Django's list) and tags such as "en-US": each is its language.
_VARIANTS = {"zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-tw": "zh-hant", "zh-hk": "zh-hant", "sr-latn": "sr"}


def language_code(tag: str) -> str | None:
    """The code of the listed language a BCP 47 tag ("en-US", "es_MX", "PT-BR") means, if any."""
    tag = tag.strip().replace("_", "-").lower()
    if tag in LANGUAGE_NAMES:
        return tag
    if tag in _VARIANTS:
        return _VARIANTS[tag]
    base = tag.split("-")[0]
    return base if base in LANGUAGE_NAMES else None


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)
