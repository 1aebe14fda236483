"""The demo's events: a standing collection, Fandom Fest, with last year's gift exchange (matched, every
assignment fulfilled, revealed) and an open prompt meme. Made through the services, as maintainers and
participants would through the pages."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from quire.access.reading import published_works
from quire.collections import services as collections
from quire.collections.services import CollectionFields
from quire.exchanges import services as exchanges
from quire.exchanges.models import Exchange
from quire.prompts import services as prompts

GILMORE = "Gilmore Girls"
SHERLOCK = "Sherlock Holmes - Arthur Conan Doyle"
TREK = "Star Trek: The Original Series"
# Who asks for and offers which fandom: each can write for the next, so the matching closes one cycle.
PARTICIPANTS = {
    "starshollowsnow": (SHERLOCK, GILMORE),
    "irregular221b": (TREK, SHERLOCK),
    "redshirt_survivor": (GILMORE, TREK),
}


def load(authors: dict) -> None:
    owner = authors["hailingfrequencies"]
    now = timezone.now()
    standing = collections.create_collection(
        user=owner,
        fields=CollectionFields(
            name="fandom_fest",
            title="Fandom Fest",
            header="A yearly celebration of small fandoms: a gift exchange and a prompt meme.",
            description="Every December since 2019. Anyone may join; be kind.",
        ),
    )
    _finished_exchange(owner, standing, authors, now)
    _open_prompt_meme(owner, standing, authors)


def _finished_exchange(owner, standing, authors, now) -> None:
    collection = collections.create_collection(
        user=owner,
        fields=CollectionFields(
            name="fandom_fest_2025",
            title="Fandom Fest 2025 Gift Exchange",
            header="Last year's exchange: every gift is revealed.",
            parent=standing,
            is_unrevealed=True,
            is_anonymous=True,
        ),
    )
    exchange = exchanges.set_up_exchange(
        collection=collection,
        user=owner,
        fields=exchanges.ExchangeFields(
            signups_open_at=now - timedelta(days=60),
            signups_close_at=now + timedelta(days=1),
            fandoms=[GILMORE, SHERLOCK, TREK],
        ),
    )
    for username, (wanted, offered) in PARTICIPANTS.items():
        exchanges.sign_up(
            exchange=exchange,
            user=authors[username],
            fields=exchanges.SignupFields(
                requests=[exchanges.EntryFields(fandoms=[wanted], description=f"Anything cosy in {wanted}.")],
                offers=[exchanges.EntryFields(fandoms=[offered])],
            ),
        )
    # Sign-ups closed weeks ago, in the demo's story.
    Exchange.objects.filter(pk=exchange.pk).update(signups_close_at=now - timedelta(days=30))
    exchange.refresh_from_db()
    exchanges.generate_assignments(exchange=exchange, user=owner)
    exchanges.send_assignments(exchange=exchange, user=owner)
    for assignment in exchange.assignments.select_related("giver_signup__user", "recipient_signup"):
        giver = assignment.giver_signup.user
        # A posted work of their own (not co-written with anyone), of the fandom they offered if they have one.
        own = (
            published_works()
            .annotate(creators=Count("creatorships", distinct=True))
            .filter(author=giver, creators=1)
            .order_by("pk")
        )
        offered = PARTICIPANTS[giver.username][1]
        work = own.filter(tags__name=offered).first() or own.first()
        exchanges.fulfil_assignment(assignment=assignment, work=work, user=giver)
    collections.reveal_works(collection=collection, user=owner)
    collections.reveal_creators(collection=collection, user=owner)


def _open_prompt_meme(owner, standing, authors) -> None:
    collection = collections.create_collection(
        user=owner,
        fields=CollectionFields(
            name="fandom_fest_prompts",
            title="Fandom Fest Prompt Meme",
            header="Leave a prompt, claim one, fill it: drabbles welcome.",
            parent=standing,
        ),
    )
    meme = prompts.set_up_prompt_meme(collection=collection, user=owner, fields=prompts.PromptMemeFields())
    first = prompts.post_prompt(
        meme=meme,
        user=authors["mrsbennetsnerves"],
        fields=prompts.PromptFields(
            title="Snowed in at Longbourn",
            description="The Bennets and the Darcys snowed in for Christmas. Someone has to share a room.",
            fandoms=["Pride and Prejudice - Jane Austen"],
        ),
    )
    prompts.post_prompt(
        meme=meme,
        user=authors["irregular221b"],
        fields=prompts.PromptFields(
            description="Holmes tries to bake. Watson writes it up.",
            fandoms=[SHERLOCK],
            anonymous=True,
        ),
    )
    prompts.claim_prompt(prompt=first, user=authors["starshollowsnow"])
