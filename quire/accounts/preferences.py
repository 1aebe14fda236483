"""Reading preferences: saved on the account for users, in a cookie for guests, applied as page classes."""

from dataclasses import dataclass, fields

from django.db import models

COOKIE_NAME = "quire_reading"


class FontSize(models.TextChoices):
    SMALL = "small", "Small"
    MEDIUM = "medium", "Medium"
    LARGE = "large", "Large"
    XLARGE = "xlarge", "Extra large"


class FontFamily(models.TextChoices):
    SERIF = "serif", "Serif"
    SANS = "sans", "Sans-serif"


class LineWidth(models.TextChoices):
    NARROW = "narrow", "Narrow"
    MEDIUM = "medium", "Medium"
    WIDE = "wide", "Wide"


class Theme(models.TextChoices):
    AUTO = "auto", "Follow my device"
    LIGHT = "light", "Light"
    DARK = "dark", "Dark"


CHOICES = {"font_size": FontSize, "font_family": FontFamily, "line_width": LineWidth, "theme": Theme}


@dataclass(frozen=True)
class ReadingPreferences:
    font_size: str = FontSize.MEDIUM
    font_family: str = FontFamily.SERIF
    line_width: str = LineWidth.MEDIUM
    theme: str = Theme.AUTO

    @classmethod
    def from_mapping(cls, data) -> "ReadingPreferences":
        """Only known values are taken, so a tampered cookie cannot inject class names."""
        values = {}
        for field in fields(cls):
            value = data.get(field.name)
            if value in CHOICES[field.name].values:
                values[field.name] = value
        return cls(**values)

    @classmethod
    def for_request(cls, request) -> "ReadingPreferences":
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return cls.from_mapping({f.name: getattr(user, f.name) for f in fields(cls)})
        raw = request.COOKIES.get(COOKIE_NAME, "")
        return cls.from_mapping(dict(part.split(":", 1) for part in raw.split("|") if ":" in part))

    def as_cookie(self) -> str:
        return "|".join(f"{f.name}:{getattr(self, f.name)}" for f in fields(self))

    @property
    def css_classes(self) -> str:
        return " ".join(f"{f.name.replace('_', '-')}-{getattr(self, f.name)}" for f in fields(self))
