"""Prompt memes (AO3's): a collection's challenge where members post prompts within its tag set, others
claim them (several claims per prompt) and fill them by posting a work "for" the prompt."""

from django.conf import settings
from django.db import models
from django.urls import reverse

TITLE_MAX = 255
# A prompt is a request, not a work: its text is bounded so a page of 50 prompts stays cheap to render.
DESCRIPTION_MAX = 5_000
TAGS_PER_PROMPT_MAX = 30


class PromptMeme(models.Model):
    """The challenge a collection runs. Its tag set limits each type of tag it lists (fandoms, characters,
    relationships); a type it lists nothing of is open to any tag."""

    collection = models.OneToOneField(
        "collections.Collection", on_delete=models.CASCADE, related_name="prompt_meme"
    )
    allowed_tags = models.ManyToManyField("tags.Tag", blank=True, related_name="+")
    anonymous_allowed = models.BooleanField(default=True, help_text="Prompters may post anonymously")
    prompting_open = models.BooleanField(default=True, help_text="Members may post new prompts")
    claiming_open = models.BooleanField(default=True, help_text="Members may claim and fill prompts")
    max_prompts_per_member = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Prompt meme of {self.collection_id}"


class Prompt(models.Model):
    meme = models.ForeignKey(PromptMeme, on_delete=models.CASCADE, related_name="prompts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prompts")
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, related_name="prompts")
    # Shown as "Anonymous" to everyone but the prompter and the collection's maintainers
    # (quire.access.reading.prompter_hidden_from).
    anonymous = models.BooleanField(default=False)
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    description = models.TextField(max_length=DESCRIPTION_MAX)
    description_html = models.TextField(blank=True)
    tags = models.ManyToManyField("tags.Tag", blank=True, related_name="prompts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["meme", "-created_at"], name="prompts_of_meme_idx")]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return reverse("prompts:prompt", args=[self.meme.collection.name, self.pk])

    @property
    def heading(self) -> str:
        return self.title or f"Prompt {self.pk}"


class Claim(models.Model):
    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prompt_claims")
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["prompt", "user"], name="one_claim_per_member")]

    def __str__(self):
        return f"{self.user_id} claims prompt {self.prompt_id}"


class Fill(models.Model):
    """A work posted for a prompt. `told_at` marks the prompter told of it: once, when the work may first
    be heard of (posted, revealed)."""

    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="fills")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="fills")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="prompt_fills")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["prompt", "work"], name="one_fill_per_work")]

    def __str__(self):
        return f"work {self.work_id} fills prompt {self.prompt_id}"
