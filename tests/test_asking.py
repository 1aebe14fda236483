"""Recognising reviews that ask the writer for more (issue 18: "Please continue!" counts as a reader asking).

The figures asserted are on the held-out reviews, written before the recogniser and never tuned against."""

import pytest
from data.asking_reviews import DEVELOPMENT, HELD_OUT, UNSEEN

from quire.insights.asking import asks_for_more


def confusion(examples):
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for text, asks in examples:
        found = asks_for_more(text)
        counts[("t" if found == asks else "f") + ("p" if found else "n")] += 1
    return counts


def test_held_out_precision_and_recall_meet_the_bar():
    counts = confusion(HELD_OUT)
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    measured = (
        f"precision {precision:.3f}, recall {recall:.3f} on {len(HELD_OUT)} held-out reviews ({counts})"
    )
    assert precision >= 0.95, measured
    assert recall >= 0.85, measured


def test_unseen_reviews_precision_stays_high_and_recall_is_what_was_measured():
    """On reviews written by someone who never saw the rules, asks are rarely invented (a false ask would
    push a writer's verdict towards "yes") and most are found: the recogniser undercounts more than it
    overcounts, and the writer sees every review anyway."""
    if not UNSEEN:
        pytest.skip("no unseen reviews yet: the last set was tuned on and a fresh one is still to be written")
    counts = confusion(UNSEEN)
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    measured = f"precision {precision:.3f}, recall {recall:.3f} on {len(UNSEEN)} unseen reviews ({counts})"
    assert precision >= 0.95, measured
    assert recall >= 0.7, measured


def test_corpus_is_balanced_with_a_large_held_out_set():
    assert len(HELD_OUT) >= 80
    assert len(HELD_OUT) + len(DEVELOPMENT) >= 200
    for examples in (HELD_OUT, DEVELOPMENT):
        asking = sum(asks for _, asks in examples)
        assert 0.4 <= asking / len(examples) <= 0.6


@pytest.mark.parametrize(
    "review",
    [
        "Please continue!",
        "Update soon!!",
        "more please",
        "I need the next chapter",
        "pleaseeee updateee soooon",
        "plsss ud soon",
        "MOAR 🙏🙏",
        "Loved the diner scene, and the way Jess says thanks. Anyway, can’t wait for the next chapter!",
        # waiting, sequels, the writer's plans, don't-stop wording, unusual verbs (written independently)
        "Eagerly awaiting the next.",
        "waiting (not so) patiently for more",
        "I'll be waiting",
        "Counting the days.",
        "Any chance of a sequel?",
        "I'd kill for an epilogue tbh",
        "would love a follow-up!",
        "i'm gonna need like ten more chapters",
        "will you ever update this?",
        "Do you plan to finish this?",
        "Will you be adding more?",
        "Please tell me this isn't a oneshot.",
        "Please don't abandon this!!",
        "Keep 'em coming!",
        "Begging you to come back to it",
        "Continue immediately.",
        "Give me 50 more chapters.",
        "10/10 would beg for more",
        "I hope this keeps going",
        "more chapters onegai 🙏",
        "Nooooo it can't be over!",
        "Only complaint is that it's not long enough.",
        # round 2 kinds, in wordings of their own: numbers, the rest, speed, when and where, plans
        "can't wait til ch 12",
        "can't wait for 3",
        "Looking forward to whatever you write next.",
        "so excited for the rest!",
        "Update faster, I'm dying",
        "please post 🙏",
        "hope you post again soon",
        "Another part please!!",
        "ch 9 tonight pls",
        "ok next part soon??",
        "whn is the nxt chaptr",
        "Are you still planning to update this?",
        "are u still working on it?",
        "When do you think you'll update?",
        "Prequel about the parents when??",
        "part two where",
        "could you do an epilogue?",
        "I'd love a short sequel!",
        "give us chapter 9 already",
        # hopes, waiting, staying, daring, bargaining
        "I really hope we get to see them reunite",
        "hoping to see this updated soon",
        "Hoping the next one has more Rory",
        "I hope you haven't abandoned this",
        "I'd love to see more of the twins in future chapters",
        "more of the dragons in future chapters!",
        "On the edge of my seat for the next part",
        "don't u dare end it there",
        "Never stop writing it",
        "Please let there be a sequel",
        "come back please 😭",
        "I'd gladly read 100 more chapters of this",
        "I'd give anything for another chapter",
        "Bookmarked and waiting!",
        "Still waiting 👀",
        "I'll be right here whenever you're ready.",
        "I'll be first in line to read it",
        "And now the wait starts again",
        "pls tell me you're still writing this",
        "so what does the map mean?? tell meee",
        # round 3 cues: what comes next, with a word that wants it, waits for it or asks when
        "Post the next bit soon, I'm begging",
        "Followed and waiting on the next release.",
        "I demand the continuation.",
        "can we get a bonus chapter from his POV?",
        "refreshing my inbox for the next update",
        "I'm hungry for the rest",
        "Hooked. Subscribed for more.",
        # coming back, seeing it finished, reading on as it comes out
        "please pick this back up someday",
        "Hurry back!",
        "I'd love to see this finished one day",
        "still hoping you come back to this story",
        "excited to keep reading as it comes out",
        # a bare chapter number asked for
        "ch 14?!",
        "ok but episode 7 when",
        "part 5 pleaseee",
        # the update schedule
        "how often are you posting?",
        "is this still being updated?",
        "do you have an update schedule?",
        # other languages: accents and repeated letters are read as in English
        "¡Actualiza pronto por favor!",
        "continúa pronto!!",
        "Quiero el siguiente capítulo",
        "Sigue escribiendo por favor",
        "atualiza logo pfv, quero mais",
        "Vivement la suite !",
        "la suite s'il vous plaît",
        "Schreib bitte weiter!",
        "Ich freue mich auf das nächste Kapitel",
        "ditunggu kelanjutannya kak",
        "next thor!",
        "Kapan update lagi?",
        "update na po 🙏",
        "sana may kasunod pa",
    ],
)
def test_asks(review):
    assert asks_for_more(review) is True


@pytest.mark.parametrize(
    "review",
    [
        "Please don't continue this trope, it's overdone.",
        "no more of this, please",
        "no more Rory please",
        "I love how the story continues the canon",
        "I could not continue reading after the warning",
        "Chapter 2 was more of the same",
        "updated tags",
        "Update: I reread it and it's even better",
        "The ending was open but I like it that way, I can imagine what happens next myself.",
        "Keep going with your other fic too, but this one stands alone beautifully.",
        # near misses of the round 2 kinds
        "I'll be here crying about this for a week",
        "Come back to me, he whispered. I sobbed.",
        "I keep coming back to reread this",
        "I hope the next chapter of your life is a happy one",
        "There was more angst in the next chapter than I expected",
        "He said 'I'll be waiting' and I lost it",
        "Waiting for my bus and reading this lol",
        "I hope we get to see the show do this",
        "I hope you don't give up on writing other things",
        "Don't you dare tell me the ending was sad",
        "Sigue así, me encantó",
        "weiter so!",
        "bitte keine Fortsetzung, es ist perfekt",
        "jangan lanjut thor, udah pas",
        "Gracias, el siguiente capítulo fue mi favorito",
        "la suite était parfaite",
    ],
)
def test_mentions_without_asking(review):
    assert asks_for_more(review) is False


@pytest.mark.parametrize(
    ("review", "near_miss"),
    [
        # someone else's ask, then the reader's own verdict
        (
            "Begging for a sequel, honestly.",
            "Everyone in the comments is begging for a sequel but honestly it's perfect as is. Leave it.",
        ),
        # what comes next is already here: read, thanked for, or told in the past tense
        ("The next chapter, when?", "The next chapter was my favourite, when Rory finally says it"),
        ("Praying for the sequel every night", "I read the sequel first, please don't judge me"),
        ("Refreshing the page for the update!", "Thanks for the update, when Jess showed up I screamed"),
        ("sooo when's the epilogue?", "The epilogue when they're old together is perfect"),
        # a negation further back than two words
        ("I demand the sequel", "Please don't write a sequel, it's perfect"),
        # a chapter number that points back
        ("chapter 2 tho??", "wait, in chapter 2 she was blonde?"),
        (
            "chapter 12 please",
            "Your writing improved so much between chapter 12 and the end, please never stop growing",
        ),
        # the update schedule admired rather than asked about
        (
            "do u have a schedule for updates?",
            "Wow the update schedule on this is insane, you post every day??",
        ),
    ],
)
def test_cues_read_an_ask_but_not_its_near_miss(review, near_miss):
    assert (asks_for_more(review), asks_for_more(near_miss)) == (True, False)


def test_ask_at_the_end_of_a_long_review_is_read():
    review = "I loved every line of this. " * 400 + "Please update soon!"

    assert asks_for_more(review) is True


def test_ask_buried_in_the_middle_of_a_long_review_is_not_read():
    # Only both ends are read, so the cost of a review is bounded: a mid-review "please update" is missed.
    review = (
        "I loved every line of this. " * 200 + "Please update soon! " + "The diner scene was great. " * 200
    )

    assert asks_for_more(review) is False


@pytest.mark.parametrize(
    "review",
    [
        "more please " * 1000,
        "a" * 10_000,
        "please " * 1500,
        "can't wait " * 1000,
        "waiting " + "x" * 10_000 + "ly",
        "! ," * 4000,
        "e" * 5_000 + " " + "o" * 5_000,
        "spin off " * 1200,
        "no more a b c " * 800,
        "no tell me , " * 800,
        "é" * 10_000,
        "jangan lanjut thor , " * 500,
    ],
    ids=[
        "more-please",
        "one-letter",
        "please",
        "cant-wait",
        "long-word",
        "punctuation",
        "repeats",
        "spin-off",
        "more-gap",
        "tell-me",
        "accents",
        "other-language",
    ],
)
def test_hostile_reviews_are_answered(review):
    # Would not return with a pattern that backtracks on each position of a 10,000-character run.
    assert asks_for_more(review) in (True, False)
