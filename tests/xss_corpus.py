"""The hostile-input corpus and the registry of every field a user can write into.

VECTORS: distinct XSS vectors, each of which would call alert/confirm/prompt or console.log if it ever ran,
so a browser listening for dialogs and console messages catches it. They are built from families (event
handlers on many elements, script URLs with their encodings, SVG/MathML, CSS, mutation XSS, encodings,
attribute breakouts, Markdown, template-looking text, htmx attributes) rather than typed one by one.

FIELDS: where each vector is submitted. When a feature adds a field users write into, add it here and the
corpus tests (tests/test_xss_corpus.py, tests/browser/test_xss.py) cover it.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

CALLS = ["alert(1)", "confirm(1)", "prompt(1)", "console.log('XSS')", "alert(document.domain)"]


def _call(index: int) -> str:
    return CALLS[index % len(CALLS)]


def _event_handlers() -> list[str]:
    elements = [
        ("img", "<img src=x {h}>"),
        ("svg", "<svg {h}></svg>"),
        ("body", "<body {h}>"),
        ("video", "<video src=x {h}></video>"),
        ("audio", "<audio src=x {h}></audio>"),
        ("details", "<details open {h}><summary>x</summary></details>"),
        ("input", "<input autofocus {h}>"),
        ("marquee", "<marquee {h}>x</marquee>"),
        ("select", "<select autofocus {h}><option>x</option></select>"),
        ("textarea", "<textarea autofocus {h}>x</textarea>"),
        ("iframe", "<iframe {h}></iframe>"),
        ("object", "<object data=x {h}></object>"),
        ("embed", "<embed src=x {h}>"),
        ("form", "<form {h}><button>x</button></form>"),
        ("button", "<button autofocus {h}>x</button>"),
        ("a", '<a href="#" {h}>x</a>'),
        ("p", "<p {h}>x</p>"),
        ("div", '<div tabindex="0" autofocus {h}>x</div>'),
        ("span", "<span {h}>x</span>"),
        ("table", "<table {h}><tr><td>x</td></tr></table>"),
        ("td", "<table><tr><td {h}>x</td></tr></table>"),
        ("style", "<style {h}></style>"),
        ("link", "<link rel=stylesheet href=x {h}>"),
        ("image", "<image src=x {h}>"),
        ("keygen", "<keygen autofocus {h}>"),
        ("frameset", "<frameset {h}>"),
        ("isindex", "<isindex type=image src=x {h}>"),
        ("h1", "<h1 {h}>x</h1>"),
        ("blockquote", "<blockquote {h}>x</blockquote>"),
        ("li", "<ul><li {h}>x</li></ul>"),
    ]
    handlers = [
        "onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle", "onanimationstart",
        "onpointerenter", "onbegin", "onstart", "onfocusin", "onloadstart", "onpageshow", "onbeforetoggle",
    ]  # fmt: skip
    vectors = []
    for index, (_, template) in enumerate(elements):
        # Each element with the handlers that fire on it without a click, plus a clicked one.
        for offset in range(4):
            handler = handlers[(index + offset * 3) % len(handlers)]
            quote = ['"', "'", "", "`"][offset]
            call = _call(index + offset)
            value = f"{quote}{call}{quote}" if quote != "`" else call
            vectors.append(template.format(h=f"{handler}={value}"))
    vectors += [
        "<img src=x onerror=alert(1)//",
        "<img/src/onerror=alert(1)>",
        "<img src=x:alert(1) onerror=eval(src)>",
        "<img src=x OnErRoR=alert(1)>",
        "<img src=x onerror\t=\talert(1)>",
        "<img src=x onerror\n=\nconfirm(1)>",
        '<img src=x onerror="&#97;lert(1)">',
        '<img src=x onerror="\\u0061lert(1)">',
        "<img src=x onerror=alert`1`>",
        '<img """><script>alert(1)</script>">',
        "<svg/onload=alert(1)>",
        "<svg\x0conload=prompt(1)>",
        "<body onpageshow=alert(1)>",
        '<video><source onerror="alert(1)"></video>',
        "<audio><source src=x onerror=confirm(1)></audio>",
        "<input onfocus=alert(1) autofocus>",
        "<input type=image src=x onerror=alert(1)>",
        '<form><button formaction="javascript:alert(1)">x</button></form>',
        '<form action="javascript:alert(1)"><input type=submit></form>',
        '<form id=f></form><button form=f formaction="javascript:alert(1)">x</button>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>',
        '<object data="javascript:alert(1)"></object>',
        '<embed src="javascript:alert(1)">',
        '<a href="#" onclick="alert(1)" id=x>x</a>',
        "<details ontoggle=alert(1) open>x</details>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<select onfocus=alert(1) autofocus>",
        "<textarea onfocus=alert(1) autofocus>",
        "<x onclick=alert(1)>click</x>",
        '<div style="animation-name:spin" onanimationstart="alert(1)">x</div>',
    ]
    return vectors


def _script_urls() -> list[str]:
    """javascript:, vbscript: and data: URLs, spelled every way browsers forgive."""
    schemes = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "\x00javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&#9;ascript:alert(1)",
        "jav&#0000009;ascript:alert(1)",
        "jav&#x0A;ascript:alert(1)",
        "jav&Tab;ascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "javascript&#x3a;alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",
        "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058confirm(1)",
        "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;prompt(1)",
        "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3Aalert(1)",
        "&#x0006A&#x00061&#x00076&#x00061&#x00073&#x00063&#x00072&#x00069&#x00070&#x00074&#x0003A;alert(1)",
        "javascript://%0aalert(1)",
        "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
        "javascript:%61lert(1)",
        "javascript:void(console.log('XSS'))",
        "vbscript:msgbox(1)",
        "VBScript:MsgBox(1)",
        "livescript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "data:text/javascript,alert(1)",
        "da&#x09;ta:text/html,<script>alert(1)</script>",
        "%6A%61%76%61%73%63%72%69%70%74%3Aalert(1)",
        "%256A%2561%2576%2561%2573%2563%2572%2569%2570%2574%253Aalert(1)",
        "&#x6a;avascript&#0000058&#0000097lert(1)",
        "javascript\\u003aalert(1)",
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(1) )//",
    ]
    templates = [
        '<a href="{u}">link</a>',
        "<img src='{u}'>",
        "<a href={u}>x</a>",
    ]
    vectors = [template.format(u=url) for url in schemes for template in templates]
    vectors += [
        '<iframe src="javascript:alert(1)"></iframe>',
        '<blockquote cite="javascript:alert(1)">q</blockquote>',
        '<q cite="javascript:alert(1)">q</q>',
        '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
        '<a xlink:href="javascript:alert(1)">x</a>',
        '<base href="javascript:alert(1)//">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<link rel="import" href="data:text/html,<script>alert(1)</script>">',
        '<a href="javascript:alert(1)" target="_blank" rel="opener">x</a>',
        '<area href="javascript:alert(1)">',
    ]
    return vectors


def _svg_and_math() -> list[str]:
    return [
        "<svg><script>alert(1)</script></svg>",
        "<svg><script href=data:,alert(1) />",
        "<svg><script xlink:href=data:,alert(1)></script></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<svg><set onbegin=alert(1) attributename=x to=1>",
        "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>X</text></a></svg>",
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">X</text></a></svg>',
        '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
        '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
        "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
        "<svg><desc><img src=x onerror=alert(1)></desc></svg>",
        "<svg><title><img src=x onerror=confirm(1)></title></svg>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<svg><image href=x onerror=alert(1)></svg>",
        "<svg><handler xmlns:ev=http://www.w3.org/2001/xml-events ev:event=load>alert(1)</handler></svg>",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "<svg><discard onbegin=alert(1)>",
        "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=alert(1)&gt;"></style></mglyph></table></mtext></math>',
        '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src=x onerror=alert(1)>"></style></mtext></svg></mglyph></h1></mtext></math>',
        "<math><malignmark><style><img src=x onerror=alert(1)></style></malignmark></math>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<math href="javascript:alert(1)">click</math>',
        "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
        "<math><annotation-xml encoding=text/html><img src=x onerror=alert(1)></annotation-xml></math>",
        '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
        "<svg><p><style><img src=x onerror=prompt(1)></style></p></svg>",
        "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=alert(1)>",
        "<svg><animatetransform onbegin=alert(1) attributeName=transform>",
    ]


def _css() -> list[str]:
    return [
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<style>@import 'javascript:alert(1)';</style>",
        '<style>@import url("data:text/css,body{x:expression(alert(1))}");</style>',
        "<style>*{behavior:url(x.htc)}</style>",
        '<style>li{list-style-image:url("javascript:alert(1)")}</style>',
        "<style></style><img src=x onerror=alert(1)>",
        '<style>@keyframes x{}</style><p style="animation-name:x" onanimationstart=alert(1)>x</p>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<p style="width:expression(alert(1))">x</p>',
        '<p style="behavior:url(x.htc)">x</p>',
        '<p style="-moz-binding:url(x.xml#x)">x</p>',
        '<p style="background-image:url(&#106;avascript:alert(1))">x</p>',
        '<p style="x:\\65 xpression(alert(1))">x</p>',
        '<p style="position:fixed;inset:0;z-index:9999">overlay</p>',
        '<div style="background:url(data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)">x</div>',
        '<link rel=stylesheet href="javascript:alert(1)">',
        "<style>@import url(//evil.example/x.css);</style>",
        '<span class="x" style="color:red">x</span>',
    ]


def _mutation() -> list[str]:
    breakouts = ["textarea", "title", "noembed", "noframes", "iframe", "xmp", "noscript", "style", "script"]
    vectors = [f'<{tag}><p title="</{tag}><img src=x onerror=alert(1)>"></{tag}>' for tag in breakouts]
    vectors += [f"</{tag}><img src=x onerror=confirm(1)>" for tag in breakouts]
    vectors += [
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "<template><img src=x onerror=alert(1)></template>",
        "<template><script>alert(1)</script></template>",
        "<plaintext><img src=x onerror=alert(1)>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<!-- --!><img src=x onerror=alert(1)> -->",
        "<!--><img src=x onerror=alert(1)>-->",
        "<!---><img src=x onerror=alert(1)>-->",
        "<!--[if]><script>alert(1)</script -->",
        "<![CDATA[><img src=x onerror=alert(1)>]]>",
        "<?xml-stylesheet href=javascript:alert(1)?>",
        '<? foo="><script>alert(1)</script>">',
        '<!DOCTYPE x[<!ENTITY x "<img src=x onerror=alert(1)>">]>&x;',
        '<a title="</a><img src=x onerror=alert(1)>">x</a>',
        '<img alt="<x" title="/><img src=x onerror=alert(1)>">',
        "<table><td><style></style><img src=x onerror=alert(1)></td></table>",
        "<table><form><input name=x><svg><style><img src=x onerror=alert(1)>",
        "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
        "<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]>",
        "<math><style><img src=x onerror=alert(1)></style></math>",
        "<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg>",
        '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
        '<xmp><p title="</xmp><svg/onload=alert(1)>">',
        '<div id="</div><script>alert(1)</script>">',
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>alert(1);//<</script>",
        '<script\x20type="text/javascript">alert(1)</script>',
        "<script/xss src=data:,alert(1)></script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<script>alert(1)</script>",
        "<script src=//evil.example/x.js></script>",
        "<script>console.log('XSS')</script>",
        "<scr\x00ipt>alert(1)</scr\x00ipt>",
        '<img src="x` `<script>alert(1)</script>"` `>',
    ]
    return vectors


def _encodings() -> list[str]:
    return [
        "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%253Cscript%253Ealert(1)%253C%252Fscript%253E",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "&#x3C;img src=x onerror=alert(1)&#x3E;",
        "&#0000060img src=x onerror=alert(1)&#0000062",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
        "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
        "\u003cimg src=x onerror=alert(1)\u003e",
        "＜script＞alert(1)＜/script＞",
        "\ufe64script\ufe65alert(1)\ufe64/script\ufe65",
        '<img src=x onerror="&#x61;&#x6C;&#x65;&#x72;&#x74;(1)">',
        "<img src=x o\x00nerror=alert(1)>",
        "<im\x00g src=x onerror=alert(1)>",
        "<img\x00src=x onerror=alert(1)>",
        "<img src=x onerror=al\u0065rt(1)>",
        "<img src=x onerror=\"eval(atob('YWxlcnQoMSk='))\">",
        "<img src=x onerror=\"top['al'+'ert'](1)\">",
        "<img src=x onerror=\"window['\\x61lert'](1)\">",
        '<a href="&#1;javascript:alert(1)">x</a>',
        '<a href="\u2028javascript:alert(1)">x</a>',
        '<a href="java&#x0D;script:alert(1)">x</a>',
        '<a href="jav\u0000ascript:alert(1)">x</a>',
        "\u202e<script>alert(1)</script>",
    ]


def _attribute_breakouts() -> list[str]:
    return [
        '"><svg onload=alert(1)>',
        "'><svg onload=alert(1)>",
        '"><script>alert(1)</script>',
        "' autofocus onfocus=alert(1) x='",
        '" autofocus onfocus=alert(1) x="',
        '" onmouseover="alert(1)',
        "' onmouseover='alert(1)",
        "`><img src=x onerror=alert(1)>",
        '"/><img src=x onerror=confirm(1)>',
        "</title><script>alert(1)</script>",
        "</textarea><script>alert(1)</script>",
        "</option></select><img src=x onerror=alert(1)>",
        '"--></style></script><script>alert(1)</script>',
        '" style="animation-name:x" onanimationstart="alert(1)',
        "javascript:alert(1)//",
        '" accesskey="x" onclick="alert(1)',
        '";alert(1);//',
        "';alert(1);//",
        "</script><script>alert(1)</script>",
        '"; data-hx-get="/account/logout" data-hx-trigger="load',
    ]


def _markdown() -> list[str]:
    return [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](javas&#99;ript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x]( javascript:alert(1))",
        '[x](javascript:alert(1) "title")',
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        '![x"onerror="alert(1)](x)',
        '![x](x "onerror=alert(1)")',
        "![x](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,%3Cscript%3Ealert(1)%3C/script%3E>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        '[x][r2]\n\n[r2]: <javascript:alert(1)> "t"',
        "![x][r3]\n\n[r3]: javascript:confirm(1)",
        "[x](#)<img src=x onerror=alert(1)>",
        "[<img src=x onerror=alert(1)>](https://example.org)",
        '[x](https://example.org"onmouseover="alert(1))',
        "`<script>alert(1)</script>`",
        "```\n<script>alert(1)</script>\n```",
        "    <img src=x onerror=alert(1)>",
        "> <script>alert(1)</script>",
        "* <svg onload=alert(1)>",
        "<div markdown=1>[x](javascript:alert(1))</div>",
        "<details>\n\n[x](javascript:alert(1))\n\n</details>",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "~~<script>alert(1)</script>~~",
        "**<a href=javascript:alert(1)>x</a>**",
        "[x](javascript:alert&#40;1&#41;)",
        "[x](&#x6A;avascript:alert(1))",
        "[x](java%0ascript:alert(1))",
        '<https://example.org/"onmouseover="alert(1)>',
    ]


def _template_lookalikes() -> list[str]:
    return [
        "{{ 7*7 }}",
        "{{7*'7'}}",
        "{% debug %}",
        "{% load static %}{% include 'base.html' %}",
        "{{ request.user.password }}",
        "{{ settings.SECRET_KEY }}",
        "{{''.__class__.__mro__[1].__subclasses__()}}",
        "${alert(1)}",
        "#{alert(1)}",
        "<%= alert(1) %>",
        "{{constructor.constructor('alert(1)')()}}",
        "{{$on.constructor('alert(1)')()}}",
        "[[${7*7}]]",
        "@(alert(1))",
    ]


def _htmx() -> list[str]:
    return [
        '<div hx-get="/account/logout" hx-trigger="load">x</div>',
        '<div data-hx-get="/account/logout" data-hx-trigger="load">x</div>',
        '<button hx-on:click="alert(1)">x</button>',
        '<div hx-on::load="alert(1)">x</div>',
        '<img src=x data-hx-on:error="alert(1)">',
        '<div hx-vars="javascript:alert(1)" hx-get="/" hx-trigger="load">x</div>',
        '<a data-hx-post="/account/logout" data-hx-trigger="load">x</a>',
        '<div hx-get="/" hx-trigger="load" hx-swap="outerHTML" hx-select="script">x</div>',
        '<p hx-prompt="x" hx-get="/" hx-trigger="load">x</p>',
        '<meta name="htmx-config" content=\'{"allowEval":true}\'>',
    ]


def _dedupe(vectors: list[str]) -> list[str]:
    return list(dict.fromkeys(vectors))


VECTORS: list[str] = _dedupe(
    _event_handlers()
    + _script_urls()
    + _svg_and_math()
    + _css()
    + _mutation()
    + _encodings()
    + _attribute_breakouts()
    + _markdown()
    + _template_lookalikes()
    + _htmx()
)

# Text that must come out as text: a reader sees these characters, never their effect.
MUST_STAY_TEXT = _template_lookalikes() + [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
]


def packed(vectors: list[str], limit: int, separator: str = " ") -> list[str]:
    """Vectors joined into values no longer than `limit`, each vector whole (longer ones alone, cut)."""
    values, current = [], ""
    for vector in vectors:
        candidate = f"{current}{separator}{vector}" if current else vector
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            values.append(current)
        current = vector[:limit]
    if current:
        values.append(current)
    return values


# --- Checking HTML for anything a browser could run -------------------------------------------------

FORBIDDEN_TAGS = {
    "script", "svg", "math", "iframe", "style", "object", "embed", "form", "input", "meta", "base", "noscript",
    "xmp", "textarea", "select", "button", "link", "template", "frameset", "frame", "plaintext", "noembed",
    "noframes", "video", "audio", "source", "marquee", "keygen", "isindex", "image", "area", "animate", "set",
    "foreignobject", "use", "handler", "applet", "title",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "background", "poster", "data", "xlink:href"}
_SCRIPT_URL = re.compile(
    r"^[\x00-\x20]*(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|livescript|data)\s*:", re.I
)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def unsafe_parts(fragment: str, *, allowed_scripts: tuple[str, ...] = ()) -> list[str]:
    """What in this HTML a browser could run: forbidden elements, handlers, styles, htmx or script URLs.

    `allowed_scripts` are script src prefixes of the site's own files, for checking whole pages."""
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    problems = []
    for tag, attrs in parser.found:
        attributes = dict(attrs)
        if tag == "script" and allowed_scripts and (attributes.get("src") or "").startswith(allowed_scripts):
            continue
        if tag in FORBIDDEN_TAGS:
            problems.append(tag)
        for name, value in attrs:
            if name.startswith(("on", "hx-", "data-hx-")) or name in {"style", "srcdoc", "formaction"}:
                problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and _SCRIPT_URL.match(value or ""):
                problems.append(f"{tag}[{name}={value}]")
    return problems


# --- Where users write ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A user-writable field: how it is submitted, how long it may be, and where it is shown."""

    name: str
    write_path: str  # the form (URL name) or service that takes it
    max_length: int
    shown_on: tuple[str, ...]
    rich: bool = False  # goes through quire.core.text.render (else Django autoescapes it)
    refuses_markup: bool = False  # the form refuses < > etc.: the refusal message must not echo it raw


FIELDS = [
    Field(
        "work title", "works:new", 255, ("work", "listing", "search", "tag", "author", "bookmarks", "inbox")
    ),
    Field(
        "work summary",
        "works:new",
        1250,
        ("work", "listing", "search", "tag", "author", "bookmarks"),
        rich=True,
    ),
    Field("work notes", "works:new", 5000, ("work", "entire work"), rich=True),
    Field("work end notes", "works:new", 5000, ("work", "entire work"), rich=True),
    Field("fandom tags", "works:new", 150, ("work", "listing", "tag"), refuses_markup=True),
    Field("relationship tags", "works:new", 150, ("work", "listing", "tag"), refuses_markup=True),
    Field("character tags", "works:new", 150, ("work", "listing", "tag"), refuses_markup=True),
    Field("additional tags", "works:new", 150, ("work", "listing", "tag"), refuses_markup=True),
    Field("chapter title", "works:chapter_new", 255, ("work", "chapter", "entire work", "inbox")),
    Field("chapter summary", "works:chapter_new", 1250, ("chapter", "entire work"), rich=True),
    Field("chapter notes", "works:chapter_new", 5000, ("chapter", "entire work"), rich=True),
    Field("chapter text", "works:chapter_new", 510_000, ("chapter", "entire work", "search"), rich=True),
    Field("chapter end notes", "works:chapter_new", 5000, ("chapter", "entire work"), rich=True),
    Field(
        "review",
        "feedback:review_create, review_edit",
        10_000,
        ("chapter", "reviews", "moderation"),
        rich=True,
    ),
    Field("reply", "feedback:review_create", 10_000, ("chapter", "reviews"), rich=True),
    Field("guest review", "feedback:review_create", 10_000, ("chapter", "reviews"), rich=True),
    Field("guest name", "feedback:review_create", 60, ("chapter", "reviews")),
    Field("bookmark note", "feedback:bookmark", 5000, ("bookmarks",), rich=True),
    Field("bookmark tags", "feedback:bookmark", 1000, ("bookmarks",)),
    Field("profile about", "accounts:settings", 2000, ("author",)),
    Field("report details", "moderation:report", 5000, ("moderation",)),
    Field("username", "accounts:signup", 40, ("author",), refuses_markup=True),
]
