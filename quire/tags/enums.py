from django.db import models


class TagType(models.TextChoices):
    FANDOM = "fandom", "Fandom"
    RELATIONSHIP = "relationship", "Relationship"
    CHARACTER = "character", "Character"
    ADDITIONAL = "additional", "Additional tag"
    MEDIA = "media", "Media"

    @property
    def described(self) -> str:
        """For messages: "a fandom tag", "an additional tag"."""
        noun = self.label.lower() if self.label.endswith(" tag") else f"{self.label.lower()} tag"
        return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"

    @classmethod
    def for_works(cls) -> list["TagType"]:
        """The types writers put on works, in the order AO3 shows them."""
        return [cls.FANDOM, cls.RELATIONSHIP, cls.CHARACTER, cls.ADDITIONAL]
