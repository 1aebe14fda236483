"""Fixed choices of a work's metadata, named as AO3 names them so readers recognise them."""

from django.db import models

from quire.core.text import TextFormat  # noqa: F401  (re-exported: formats are part of a work's metadata)


class Rating(models.TextChoices):
    NOT_RATED = "not_rated", "Not Rated"
    GENERAL = "general", "General Audiences"
    TEEN = "teen", "Teen And Up Audiences"
    MATURE = "mature", "Mature"
    EXPLICIT = "explicit", "Explicit"

    @property
    def is_adult(self) -> bool:
        return self in (Rating.MATURE, Rating.EXPLICIT)


class Warning(models.TextChoices):
    CHOSE_NOT_TO_WARN = "chose_not_to_warn", "Creator Chose Not To Use Archive Warnings"
    NONE_APPLY = "none_apply", "No Archive Warnings Apply"
    VIOLENCE = "violence", "Graphic Depictions Of Violence"
    CHARACTER_DEATH = "character_death", "Major Character Death"
    NON_CON = "non_con", "Rape/Non-Con"
    UNDERAGE = "underage", "Underage Sex"


class Category(models.TextChoices):
    FF = "ff", "F/F"
    FM = "fm", "F/M"
    GEN = "gen", "Gen"
    MM = "mm", "M/M"
    MULTI = "multi", "Multi"
    OTHER = "other", "Other"


class ReviewPolicy(models.TextChoices):
    EVERYONE = "everyone", "Registered users and guests"
    REGISTERED = "registered", "Registered users only"
    NOBODY = "nobody", "Nobody (reviews off)"
