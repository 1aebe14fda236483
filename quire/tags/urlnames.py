"""AO3's escaping of tag names in URLs, so "Jess Mariano/Rory Gilmore" has an address and old links work."""

_ESCAPES = [("*", "*x*"), ("/", "*s*"), ("&", "*a*"), (".", "*d*"), ("?", "*q*"), ("#", "*h*")]


def to_url(name: str) -> str:
    for raw, escaped in _ESCAPES:
        name = name.replace(raw, escaped)
    return name


def from_url(value: str) -> str:
    for raw, escaped in reversed(_ESCAPES):
        value = value.replace(escaped, raw)
    return value
