from django.db import models


class Kind(models.TextChoices):
    """How a work is made from another, as the child's page says it (AO3's "Inspired by" and "A translation
    of"; podfics and remixes are inspirations AO3 leaves to the tags, named here)."""

    INSPIRED = "inspired", "Inspired by"
    TRANSLATION = "translation", "Translation of"
    PODFIC = "podfic", "Podfic of"
    REMIX = "remix", "Remix of"

    def phrase(self, language: str) -> str:
        """What the child is, before the parent's title: "Translation into French of", "Podfic of"."""
        if self is Kind.TRANSLATION:
            return f"Translation into {language} of"
        return self.label

    def told(self, language: str) -> str:
        """What the parent's writer is told the child is, before "your work"."""
        if self is Kind.TRANSLATION:
            return f"is a translation into {language} of"
        return {Kind.INSPIRED: "was inspired by", Kind.PODFIC: "is a podfic of", Kind.REMIX: "is a remix of"}[
            self
        ]
