from django.db import models


class TagType(models.TextChoices):
    FANDOM = "fandom", "Fandom"
    RELATIONSHIP = "relationship", "Relationship"
    CHARACTER = "character", "Character"
    ADDITIONAL = "additional", "Additional tag"
    MEDIA = "media", "Media"

    @classmethod
    def for_works(cls) -> list["TagType"]:
        """The types writers put on works, in the order AO3 shows them."""
        return [cls.FANDOM, cls.RELATIONSHIP, cls.CHARACTER, cls.ADDITIONAL]
