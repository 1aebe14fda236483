import re
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.urls import reverse

from quire.core.text import single_line
from quire.tags.enums import TagType
from quire.tags.urlnames import to_url

MAX_TAG_LENGTH = 150
# The same characters AO3 refuses: commas separate tags, the rest collide with its search syntax.
FORBIDDEN_TAG_CHARACTERS = re.compile(r"[,^*<>{}=`\\%]")


def normalize_tag_name(raw: str) -> str:
    # single_line first: str.split() leaves control characters such as \x07 or \x7f inside a name.
    return " ".join(single_line(raw).split())


def validate_tag_name(name: str) -> None:
    if not name:
        raise ValidationError("A tag cannot be empty.")
    if len(name) > MAX_TAG_LENGTH:
        raise ValidationError(f"“{name[:40]}…” is too long: tags are at most {MAX_TAG_LENGTH} characters.")
    if FORBIDDEN_TAG_CHARACTERS.search(name):
        raise ValidationError(f"“{name}” contains a character tags cannot have: , ^ * < > {{ }} = ` \\ %")


@lru_cache(maxsize=20_000)
def tag_works_url(name: str) -> str:
    # Listings link every tag of every blurb; reversing each one again was a quarter of the home page's time.
    return reverse("tags:works", args=[to_url(name)])


class TagQuerySet(models.QuerySet):
    def named(self, name: str):
        # LOWER on both sides is the unique index's own expression, so both databases look the name up in
        # it, each folding case as the index does; iexact (UPPER or LIKE) read all 38,000 tags of the bench.
        return self.alias(lowered_name=Lower("name")).filter(
            lowered_name=Lower(Value(normalize_tag_name(name)))
        )

    def canonical(self):
        return self.filter(canonical=True)

    def unwrangled(self):
        """Tags no wrangler has looked at: not canonical, not a synonym."""
        return self.filter(canonical=False, merger__isnull=True)


class Tag(models.Model):
    """A fandom, relationship, character or additional tag, shared by every work that uses it.

    `canonical` and `merger` are the wrangling vocabulary: a synonym points at its canonical tag.
    """

    name = models.CharField(max_length=MAX_TAG_LENGTH)
    type = models.CharField(max_length=20, choices=TagType.choices)
    canonical = models.BooleanField(default=False)
    merger = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="synonyms",
        help_text="Synonym of",
    )
    # Parent links read by type: a fandom's parent is its media; a character's or relationship's parent is
    # its fandom; a parent of the same type is a meta tag (the child is one of its sub-tags).
    parents = models.ManyToManyField(
        "self",
        symmetrical=False,
        through="TagParent",
        through_fields=("child", "parent"),
        related_name="children",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_tag_name_ignoring_case"),
            models.CheckConstraint(
                condition=~models.Q(canonical=True, merger__isnull=False),
                name="canonical_tags_are_not_synonyms",
            ),
        ]
        indexes = [models.Index(fields=["type", "canonical"])]
        permissions = [("wrangle_tag", "Can wrangle tags")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return tag_works_url(self.name)

    @property
    def filter_key(self) -> "Tag":
        """The tag works are filed under: the canonical tag of a synonym, else the tag itself."""
        return self.merger if self.merger_id else self

    @classmethod
    def for_name(cls, raw_name: str, tag_type: str) -> "Tag":
        """The existing tag of that name (any case), or a new unwrangled one. Raises ValidationError when
        the name is invalid or already used as another type of tag."""
        name = normalize_tag_name(raw_name)
        validate_tag_name(name)
        existing = cls.objects.named(name).first()
        if existing is None:
            try:
                with transaction.atomic():
                    return cls.objects.create(name=name, type=tag_type)
            except IntegrityError:  # someone created it a moment ago
                existing = cls.objects.named(name).get()
        if existing.type != tag_type:
            raise ValidationError(
                f"“{existing.name}” is already {TagType(existing.type).described}, "
                f"so it cannot be used as {TagType(tag_type).described}."
            )
        return existing


class TagParent(models.Model):
    child = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="child_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="unique_tag_parent"),
            models.CheckConstraint(
                condition=~models.Q(child=models.F("parent")), name="tag_is_not_its_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.child_id} < {self.parent_id}"


class WorkFilter(models.Model):
    """The tags a work can be found by: each of its tags' filter key and that key's meta tags.

    Derived from the work's tags and the wrangling; rebuilt by quire.tags.filters, never edited by hand.
    Listings filter and count facets on this one narrow table, the way AO3's filter_taggings work.
    """

    # No single-column indexes: the unique (tag, work) and the facet index (work, tag, tag_type) lead
    # with each key already.
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="filters", db_index=False)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="work_filters", db_index=False)
    # The tag's type, copied so facet counts group this table alone, from one covering index, without
    # joining a row of tags_tag per work and tag. A tag's type never changes once works use it.
    tag_type = models.CharField(max_length=20, choices=TagType.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "work"], name="unique_work_filter")]
        indexes = [models.Index(fields=["work", "tag", "tag_type"], name="work_filter_facets")]

    def __str__(self):
        return f"{self.work_id}: {self.tag_id}"
