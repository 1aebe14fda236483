"""A synthetic archive for benchmarks and tests, loaded in bulk: `quire generate_archive`.

Everything is a function of the seed: the "universe" (fandoms, characters, relationships, additional tags,
their synonyms and meta tags, the authors, a pool of prose sentences) comes from one seeded generator, and
work number i (counting every work in the database) from a generator seeded by (seed, i). Growing an
archive from 10,000 to 100,000 works therefore adds the same works a single run to 100,000 would have made.

Rows are computed in Python and written with COPY (PostgreSQL) or executemany (SQLite), bypassing the
per-work services; the derived data (WorkFilter rows, Work.is_crossover, search documents, word and chapter
counts) is computed here the same way quire.tags.filters and quire.discovery.indexing compute it, which
tests/test_generator.py checks by rebuilding it with those services.

Text: each work stores a few hundred words of generated prose spread over its chapters (enough for search
to behave realistically, small enough for a million works to fit on disk), while `word_count` holds a
realistic, log-normal figure between 500 and 200,000 words. Chapter.word_count therefore does not match
the stored body.
"""

from __future__ import annotations

import json
import math
import queue
import random
import threading
import time
from bisect import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from django.db import connection, connections, transaction

from quire.accounts.models import Pseud, User
from quire.core.text import SANITIZER_VERSION, TextFormat
from quire.creators.models import Creatorship
from quire.discovery.indexing import stored_vector
from quire.discovery.models import SearchDocument
from quire.tags.enums import TagType
from quire.tags.filters import CATEGORY_KEYS, WARNING_KEYS, _is_crossover, filing_key
from quire.tags.models import Tag, TagParent, WorkFilter
from quire.works.models import Chapter, Work, WorkCategory, WorkTag, WorkWarning

# --- Sizes and rates ----------------------------------------------------------------------------------
FANDOMS = 1500
FANDOM_ZIPF = 0.95  # the largest fandom gets about a tenth of the works
FRANCHISES = 25  # fandom meta tags ("X - All Media Types") over 2-3 fandoms each
AUTHORS = 4000
ADDITIONAL_TAGS = 2500  # canonical additional tags, the well-known ones first
FREEFORMS = 3000  # unwrangled additional tags (neither canonical nor synonyms)
POOL_SENTENCES = 12_000
PHRASE = "come away with me"
PHRASE_RATE = 0.005  # the share of works whose text contains PHRASE (the only place "away" appears)
DRAFT_RATE = 0.03
RESTRICTED_RATE = 0.05
HIDDEN_RATE = 0.005
SYNONYM_USE_RATE = 0.15  # how often a work names a tag by one of its synonyms
MIN_WORDS, MAX_WORDS = 500, 200_000
END = datetime(2026, 11, 1, tzinfo=UTC)  # fixed, so the same seed gives the same dates on any day
SPAN = timedelta(days=5 * 365)
DEFAULT_BATCH = 5000

RATINGS = [("general", 27), ("teen", 31), ("mature", 16), ("explicit", 20), ("not_rated", 6)]
LANGUAGES = [
    ("en", 905), ("es", 20), ("zh-hans", 20), ("ru", 15), ("fr", 10), ("de", 8), ("pt-br", 8),
    ("it", 5), ("ja", 4), ("pl", 4), ("id", 3), ("ko", 3),
]  # fmt: skip
MEDIA_SHARES = [
    ("TV Shows", 30), ("Books & Literature", 20), ("Anime & Manga", 15), ("Movies", 12),
    ("Video Games", 10), ("Cartoons & Comics & Graphic Novels", 7), ("Music & Bands", 3),
    ("Theater", 2), ("Other Media", 1),
]  # fmt: skip


# --- Word lists -----------------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return text.split()


# Prose vocabulary in rough order of frequency; weights follow Zipf's law by rank. "away" is deliberately
# absent: it only appears in PHRASE, so the phrase's share of works is known.
FUNCTION_WORDS = _words("""the and to of a was he she in it her his that you i with had on for at as but
not they him be my is me all so from there we were what up by out no when one this into said could
would an them been if then do over did or their just like down about your back through only now its
before more than our too after which who how because very even those still where off these""")
CONTENT_WORDS = _words("""know eyes night time hand head face thought looked room door something nothing little
long voice turned first never again felt light moment hands right think want going made left smile day
love house morning heart words world window dark heard years across behind small old against enough
quiet side another last told took feel stood mind life body mouth water breath floor table always
looking around home kitchen bed fingers hair arms chair wall car street city sky rain snow fire cold
warm soft slowly finally already almost maybe together without something someone anyone everything
sleep dream tired laughed whispered shook nodded sighed smiled asked answered watched waited reached
pulled pushed held kissed touched walked ran stopped opened closed started tried needed wanted knew
seemed meant remembered forgot noticed realized understood wondered believed hoped found lost kept
brought carried dropped picked sat lay fell stayed moved leaned pressed breathed swallowed blinked
glanced stared frowned grinned shrugged laughter silence sound noise music song story letter book
paper phone message name question answer reason truth lie promise secret mistake fault chance choice
problem idea plan way place road path bridge river sea shore beach forest tree garden field hill
mountain stone glass coffee tea bread dinner breakfast lunch wine cup plate bottle box bag coat shirt
boots gloves scarf blanket pillow sheets lamp candle shadow sun moon stars wind storm cloud evening
afternoon winter summer spring autumn week month year hour minute second today tomorrow yesterday
early late soon later young older new good bad better best worse worst real true false whole half
quick sharp bright dim pale heavy light empty full clean broken gentle careful strange familiar
different same certain sure afraid angry sorry happy sad lonely safe dangerous quietly softly
carefully suddenly barely nearly really probably perhaps somehow anyway though although while until
since unless whether either neither every each both few many most much several other such own
friend brother sister mother father family child boy girl man woman people stranger king queen
captain doctor teacher soldier crew ship train station school office hospital library shop market
church tower castle village town garden door gate stairs roof corner edge center middle top bottom
front inside outside between beneath above below beside toward along throughout despite within
silver golden red blue green black white grey gray dark deep distant close near far high low
breathless restless hollow tender fierce wild still calm steady warmth cold fear hope anger grief
joy relief guilt shame pride trust doubt wonder memory future past promise courage patience""")
# The tail of the vocabulary: compounds of short nouns, rare like a story's invented words.
COMPOUND_PARTS = _words("""ash bird bone brook cloud crow dawn deer dusk dust elm ember fern fox frost gale
glen gold hare hart hawk heath hollow holly ice iron ivy lake lark leaf moon moss moth oak owl pine
rain reed river rook rose salt sand shade shell sky snow star stone storm sun thorn tide vale
wheat willow wind wolf wren""")

FEMALE = _words("""Ada Alice Amara Ana Anya Aria Astrid Beatrice Bianca Camille Clara Daphne Delia Elena
Eliza Ella Elsa Emma Esme Eva Fiona Freya Gemma Greta Hana Harriet Helena Ida Imogen Ines Iris Isla
Ivy Jade Jana Julia June Kaia Kira Lara Laila Lena Lila Lorelai Lucia Luna Lydia Mabel Maya Mei Mina
Mira Nadia Naomi Nina Nora Olive Opal Petra Pia Priya Rhea Rory Rosa Ruth Sadie Sana Selma Sofia
Stella Tara Tess Thea Uma Vera Violet Willa Yara Zara Zoe""")
MALE = _words("""Aaron Adrian Alec Anton Arlo Arthur Axel Ben Caleb Cass Cyrus Dante Declan Eli Emil Ezra
Felix Finn Gabe Hugo Ian Ilya Isaac Jack Jasper Jess Jonah Jude Julian Kai Kenji Leo Levi Liam Luca
Luke Malik Marco Mateo Max Milo Nico Noah Oren Oscar Owen Pablo Rafe Remy Rhys Rowan Sami Silas
Simon Soren Teo Theo Tobias Tomas Victor Wes Xavier Yusuf Zane""")
NEUTRAL = _words("Ash Avery Blair Eden Ellis Indigo Jules Kit Lane Morgan Quinn Reese River Sage Skye Wren")
SURNAMES = _words("""Abbott Adler Alvarez Ames Ashdown Bauer Bell Bishop Blackwood Bloom Brandt Calloway Cane
Carver Castillo Chen Clarke Cole Crane Cross Dalton Danes Darcy Delaney Diaz Drake Dubois Dunn Ellery
Evans Falk Faulkner Fenwick Finch Fisher Flores Ford Frost Garcia Gilmore Grant Gray Greer Hale
Hammond Harper Hart Hayes Holt Hughes Ives Jensen Kane Keller Kent Kim Knox Kovac Lang Larsen Lee
Lim Lowe Lund Marsh Mariano Mendez Mercer Moreau Morrow Nakamura Nash Novak Okafor Ortiz Park Patel
Pierce Pike Quill Reed Reyes Rivers Rossi Sato Shaw Silva Sloane Stone Strand Sutton Tanaka Thorne
Vance Vale Varga Voss Walsh Ward Webb West Winter Wolfe Wright Yates Young Zhou""")
PLACE_ADJECTIVES = _words("""Silver Hollow Crimson Broken Golden Distant Quiet Endless Burning Frozen Hidden
Iron Last Lost Midnight Northern Scarlet Shattered Silent Starlit Sunken Twilight Velvet Wandering
Wild Winter Emerald Obsidian Paper Glass""")
PLACE_NOUNS = _words("""Harbor Crown Ember Lantern Kingdom Tide Gate Throne Signal Garden Orbit Frontier
Vanguard Covenant Circuit Meridian Archive Labyrinth Citadel Reverie Cascade Horizon Requiem Legacy
Sanctuary Paradox Empire Odyssey Echo Compass""")
FANDOM_SUFFIXES = _words("""Academy Chronicles Station Saga Falls Heights Protocol Files Society Club Hospital
Bay Street Diaries Rising Academy Division Knights Heirs""")
ADDITIONAL_HEAD = [
    "Fluff", "Angst", "Hurt/Comfort", "Romance", "Humor", "Friendship", "Established Relationship",
    "Smut", "Slow Burn", "Alternate Universe - Canon Divergence", "Angst with a Happy Ending", "Family",
    "Found Family", "Alternate Universe - Modern Setting", "Canon Compliant", "Fluff and Angst", "Drama",
    "Whump", "Friends to Lovers", "Enemies to Lovers", "Pining", "Mutual Pining", "First Kiss",
    "Domestic Fluff", "Post-Canon", "Pre-Canon", "Missing Scene", "Character Study", "Happy Ending",
    "Minor Character Death", "Violence", "Blood and Injury", "Hospitals", "Nightmares", "Sick Fic",
    "Banter", "Idiots in Love", "Grief/Mourning", "Depression", "Anxiety", "Trauma", "Recovery",
    "Time Travel", "Soulmates", "Magic", "Vampires", "Werewolves", "Dragons", "Road Trips",
    "Fake/Pretend Relationship", "Secret Relationship", "Christmas", "Halloween", "Tooth-Rotting Fluff",
    "Crack", "Crack Treated Seriously", "Drabble", "Ficlet", "Oneshot", "Songfic", "Epistolary",
    "Texting", "Coming Out", "Coming of Age", "Kid Fic", "Cuddling & Snuggling", "Comfort",
    "Sharing a Bed", "Amnesia", "Jealousy", "Miscommunication", "Love Confessions", "Getting Together",
    "Weddings", "Reunions", "Letters", "Dreams", "Flashbacks", "Cooking", "Baking", "Dancing", "Sports",
    "Mystery", "Murder", "Detectives", "Spies", "War", "Space", "Science Fiction", "Fantasy", "Horror",
    "Ghosts", "Zombies", "Post-Apocalypse", "Dystopia", "Royalty", "Politics", "Fairy Tale Retelling",
    "Mythology", "Alternate Universe - College/University", "Alternate Universe - High School",
    "Alternate Universe - Coffee Shops & Cafés", "Alternate Universe - Fantasy",
    "Alternate Universe - Royalty", "Alternate Universe - Soulmates", "Alternate Universe - Office",
    "Alternate Universe - Space", "Alternate Universe - Human", "Alternate Universe", "Sexual Content",
    "Oral Sex", "Hurt No Comfort",
]  # fmt: skip
# Meta tag -> sub-tags: "Alternate Universe" > "... - Modern Setting" > "... - Coffee Shops & Cafés" is
# two levels deep, and "Fluff and Angst" has two meta tags.
ADDITIONAL_META = {
    "Alternate Universe": [
        "Alternate Universe - Canon Divergence", "Alternate Universe - Modern Setting",
        "Alternate Universe - Fantasy", "Alternate Universe - Royalty", "Alternate Universe - Soulmates",
        "Alternate Universe - Space", "Alternate Universe - Human",
    ],
    "Alternate Universe - Modern Setting": [
        "Alternate Universe - College/University", "Alternate Universe - High School",
        "Alternate Universe - Coffee Shops & Cafés", "Alternate Universe - Office",
    ],
    "Fluff": ["Tooth-Rotting Fluff", "Domestic Fluff", "Fluff and Angst"],
    "Angst": ["Angst with a Happy Ending", "Hurt No Comfort", "Fluff and Angst"],
    "Sexual Content": ["Smut", "Oral Sex"],
}  # fmt: skip
USER_ADJECTIVES = _words("""quiet moonlit velvet paper silver lost sleepy wild gentle starry misty amber
cobalt dusky golden hazy inky lunar mossy rainy rusty salty snowy stormy sunny twilit violet windy
wistful cozy bookish""")
USER_NOUNS = _words("""lantern fox owl quill harbor comet meadow ember raven willow sparrow kettle teacup
orchard thistle cinder pebble otter badger heron lighthouse archive garden ink lark moth fern pine
thimble compass""")
PHRASE_SENTENCES = [
    "Come away with me.",
    "\x01 said, come away with me.",
    "Come away with me, \x02 whispered.",
]


def _cumulative(weights) -> list[float]:
    return list(accumulate(weights))


def _pick(rng: random.Random, cum: list[float]) -> int:
    return bisect(cum, rng.random() * cum[-1])


def _pick_distinct(rng: random.Random, cum: list[float], count: int) -> list[int]:
    chosen: list[int] = []
    for _ in range(count * 4):
        if len(chosen) >= count or len(chosen) >= len(cum):
            break
        index = bisect(cum, rng.random() * cum[-1])
        if index not in chosen:
            chosen.append(index)
    return chosen


# --- The universe: tags, authors and prose, as names ---------------------------------------------------
@dataclass
class TagSpec:
    name: str
    type: str
    canonical: bool = True
    merger: str | None = None
    parents: list[str] = field(default_factory=list)


@dataclass
class FandomSpec:
    name: str
    characters: list[str] = field(default_factory=list)  # by popularity
    relationships: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)  # name, members, kind
    siblings: list[int] = field(default_factory=list)  # fandoms of the same franchise (by rank)


@dataclass
class Universe:
    tags: dict[str, TagSpec]  # lowercase name -> spec, canonical and unwrangled tags before synonyms
    fandoms: list[FandomSpec]  # by popularity rank
    additional: list[str]  # canonical additional tags by popularity
    freeforms: list[str]
    synonyms: dict[str, list[str]]  # canonical name -> synonym names
    gender: dict[str, str]  # character name -> "f", "m" or "n"
    authors: list[str]
    pool: list[str]
    vocabulary: list[str]


class _Names:
    """Tag names are unique ignoring case across every type."""

    def __init__(self):
        self.taken: set[str] = set()

    def claim(self, name: str) -> bool:
        key = name.lower()
        if key in self.taken:
            return False
        self.taken.add(key)
        return True


def build_universe(seed: int) -> Universe:
    rng = random.Random(f"quire-universe-{seed}")
    names = _Names()
    tags: dict[str, TagSpec] = {}
    synonyms: dict[str, list[str]] = defaultdict(list)
    gender: dict[str, str] = {}

    def add(spec: TagSpec) -> TagSpec:
        tags[spec.name.lower()] = spec
        return spec

    def synonym(canonical: str, name: str) -> None:
        if names.claim(name):
            synonyms[canonical].append(name)

    media = [name for name, _ in MEDIA_SHARES]
    media_cum = _cumulative(share for _, share in MEDIA_SHARES)

    # Fandoms: franchises first (the largest fandom is one), then standalone fandoms in the other slots.
    slots: list[str | None] = [None] * FANDOMS
    franchise_of: dict[int, list[int]] = {}
    fandom_media: dict[str, str] = {}
    for number in range(FRANCHISES):
        base = _fandom_base(rng, names)
        primary = 0 if number == 0 else rng.randrange(1, 300)
        while slots[primary] is not None:
            primary = rng.randrange(1, FANDOMS)
        members = [primary]
        for _ in range(rng.choice([1, 1, 2])):
            slot = rng.randrange(20, FANDOMS)
            while slots[slot] is not None or slot in members:
                slot = rng.randrange(20, FANDOMS)
            members.append(slot)
        kinds = rng.sample(["TV Shows", "Movies", "Books & Literature", "Video Games", "Anime & Manga"], 3)
        for slot, medium in zip(members, kinds, strict=False):
            name = _fandom_name(rng, base, medium)
            while not names.claim(name):
                name = f"{name} {rng.randrange(2, 99)}"
            slots[slot] = name
            fandom_media[name] = medium
        meta = f"{base} - All Media Types"
        names.claim(meta)
        add(TagSpec(meta, TagType.FANDOM, parents=[fandom_media[slots[primary]]]))
        for slot in members:
            franchise_of[slot] = members
            add(TagSpec(slots[slot], TagType.FANDOM, parents=[fandom_media[slots[slot]], meta]))
    for slot in range(FANDOMS):
        if slots[slot] is None:
            medium = media[_pick(rng, media_cum)]
            name = _fandom_name(rng, _fandom_base(rng, names), medium)
            while not names.claim(name):
                name = f"{name} {rng.randrange(2, 99)}"
            slots[slot] = name
            add(TagSpec(name, TagType.FANDOM, parents=[medium]))
    fandoms = [FandomSpec(name) for name in slots]
    for slot, members in franchise_of.items():
        fandoms[slot].siblings = [m for m in members if m != slot]

    # Characters and relationships: big fandoms have hundreds, small ones a handful. A franchise's other
    # fandoms share the characters and ships of its most popular one (one tag with two fandom parents).
    # Men are over-represented among fandom characters (and M/M is the largest category on AO3).
    first_names = {"m": MALE, "f": FEMALE, "n": NEUTRAL}
    order = sorted(range(FANDOMS), key=lambda r: (r not in franchise_of or min(franchise_of[r]) != r, r))
    for rank in order:
        fandom = fandoms[rank]
        own_characters = max(5, int(200 * (rank + 1) ** -0.5))
        own_relationships = max(3, int(250 * (rank + 1) ** -0.55))
        inherited = []
        if rank in franchise_of and min(franchise_of[rank]) != rank:
            source = fandoms[min(franchise_of[rank])]
            inherited = source.characters[: max(5, len(source.characters) // 3)]
            for character in inherited:
                tags[character.lower()].parents.append(fandom.name)
            fandom.relationships = [r for r in source.relationships if set(r[1]) <= set(inherited)][:20]
            for relationship in fandom.relationships:
                tags[relationship[0].lower()].parents.append(fandom.name)
            own_characters //= 3
            own_relationships //= 3
        short = _short_fandom(fandom.name)
        created = []
        for _ in range(own_characters):
            roll = rng.random()
            sex = "m" if roll < 0.56 else "f" if roll < 0.95 else "n"
            first = rng.choice(first_names[sex])
            name = f"{first} {SURNAMES[rng.randrange(len(SURNAMES))]}"
            if not names.claim(name):
                name = f"{name} ({short})"  # AO3 disambiguates a shared name by its fandom
                if not names.claim(name):
                    continue
            add(TagSpec(name, TagType.CHARACTER, parents=[fandom.name]))
            gender[name] = sex
            created.append(name)
        # Interleave inherited (already popular) and new characters, popular first.
        fandom.characters = [c for pair in zip(inherited, created, strict=False) for c in pair]
        fandom.characters += inherited[len(created) :] + created[len(inherited) :]
        weights = _cumulative((i + 1) ** -1.1 for i in range(len(fandom.characters)))
        seen = {r[0].lower() for r in fandom.relationships}
        made = 0
        for _ in range(own_relationships * 3):
            if made >= own_relationships:
                break
            roll = rng.random()
            kind, size = ("romantic", 2) if roll < 0.78 else ("platonic", 2) if roll < 0.98 else ("poly", 3)
            members = tuple(fandom.characters[i] for i in _pick_distinct(rng, weights, size))
            if len(members) < size:
                break
            members = tuple(sorted(members))
            name = (" & " if kind == "platonic" else "/").join(members)
            if name.lower() in seen or not names.claim(name):
                continue
            seen.add(name.lower())
            add(TagSpec(name, TagType.RELATIONSHIP, parents=[fandom.name]))
            fandom.relationships.append((name, members, kind))
            made += 1

    # Additional tags: the well-known ones, then generated ones; meta tags over some of them.
    vocabulary = _vocabulary()
    content = CONTENT_WORDS
    additional = list(ADDITIONAL_HEAD)
    for name in additional:
        names.claim(name)
    while len(additional) < ADDITIONAL_TAGS:
        word = content[rng.randrange(len(content))]
        other = content[rng.randrange(len(content))]
        name = rng.choice([f"{word.title()} {other.title()}", f"Alternate Universe - {word.title()}"])
        if word != other and names.claim(name):
            additional.append(name)
    parents_of = defaultdict(list)
    for meta, subs in ADDITIONAL_META.items():
        for sub in subs:
            parents_of[sub].append(meta)
    for name in additional:
        add(TagSpec(name, TagType.ADDITIONAL, parents=parents_of.get(name, [])))
    freeforms = []
    while len(freeforms) < FREEFORMS:
        words = [vocabulary[_zipf_index(rng, len(vocabulary))] for _ in range(rng.randint(3, 7))]
        name = " ".join(words)
        if names.claim(name):
            freeforms.append(name)
            add(TagSpec(name, TagType.ADDITIONAL, canonical=False))

    # Synonyms: alternate spellings and nicknames, as readers type them.
    for rank, fandom in enumerate(fandoms):
        if rank < 300 and rng.random() < 0.3:
            bare = fandom.name.split(" (")[0].split(" - ")[0]
            if bare != fandom.name:
                synonym(fandom.name, bare)
        for index, character in enumerate(fandom.characters):
            if tags[character.lower()].parents[0] == fandom.name and rank < 200 and rng.random() < 0.15:
                first, _, rest = character.partition(" ")
                synonym(character, f"{first} {rest[:1]}.")
                if index < 3:
                    synonym(character, first)  # the first reader to type just "Rory" gets it
        for index, (name, members, kind) in enumerate(fandom.relationships):
            if tags[name.lower()].parents[0] != fandom.name:
                continue
            if rng.random() < 0.15:
                joiner = " & " if kind == "platonic" else "/"
                synonym(name, joiner.join(reversed(members)))
            if index < 5 and kind == "romantic" and rank < 100:
                a, b = (m.split(" ")[0] for m in members)
                synonym(name, a[: (len(a) + 1) // 2] + b[len(b) // 2 :].lower())  # a ship name
    for index, name in enumerate(additional):
        if " - " not in name and (index < 150 or rng.random() < 0.1):
            for variant in (name.lower().replace("/", "-").replace(" ", "-"), name.lower().replace(" ", "")):
                if variant != name.lower():
                    synonym(name, variant)
    for canonical, found in synonyms.items():
        kind = tags[canonical.lower()].type
        for name in found:
            add(TagSpec(name, kind, canonical=False, merger=canonical))

    authors = []
    taken_users: set[str] = set()
    while len(authors) < AUTHORS:
        name = rng.choice(USER_ADJECTIVES) + rng.choice(["", "_", ""]) + rng.choice(USER_NOUNS)
        if rng.random() < 0.5:
            name += str(rng.randrange(1, 1000))
        if rng.random() < 0.2:
            name = name.title().replace("_", "")
        if name.lower() not in taken_users:
            taken_users.add(name.lower())
            authors.append(name)

    pool = []
    while len(pool) < POOL_SENTENCES:
        pool.append(_sentence(rng, vocabulary))
    return Universe(
        tags=tags,
        fandoms=fandoms,
        additional=additional,
        freeforms=freeforms,
        synonyms=dict(synonyms),
        gender=gender,
        authors=authors,
        pool=pool,
        vocabulary=vocabulary,
    )


def _fandom_base(rng: random.Random, names: _Names) -> str:
    while True:
        roll = rng.random()
        if roll < 0.45:
            base = f"{rng.choice(PLACE_ADJECTIVES)} {rng.choice(PLACE_NOUNS)}"
        elif roll < 0.8:
            base = f"{rng.choice(PLACE_NOUNS)} {rng.choice(FANDOM_SUFFIXES)}"
        else:
            base = f"The {rng.choice(PLACE_NOUNS)} of {rng.choice(SURNAMES)}"
        if base.lower() not in names.taken:
            return base


def _fandom_name(rng: random.Random, base: str, medium: str) -> str:
    author = f"{rng.choice(FEMALE + MALE)} {rng.choice(SURNAMES)}"
    return {
        "TV Shows": f"{base} (TV)",
        "Movies": f"{base} (Movies)",
        "Books & Literature": f"{base} - {author}",
        "Anime & Manga": f"{base} (Anime)",
        "Video Games": f"{base} (Video Game)",
        "Cartoons & Comics & Graphic Novels": f"{base} (Cartoon)",
        "Music & Bands": f"{base} (Band)",
        "Theater": f"{base} - {author.split()[1]}",
        "Other Media": f"{base} (Podcast)",
    }[medium]


def _short_fandom(name: str) -> str:
    return name.split(" (")[0].split(" - ")[0]


def _vocabulary() -> list[str]:
    words = list(dict.fromkeys(FUNCTION_WORDS + CONTENT_WORDS))
    known = set(words)
    for first in COMPOUND_PARTS:
        for second in COMPOUND_PARTS:
            compound = first + second
            if first != second and compound not in known:
                words.append(compound)
    return words


def _zipf_index(rng: random.Random, size: int) -> int:
    # Zipf-Mandelbrot over ranks, inverted from the continuous distribution: cheap and close enough.
    return min(size - 1, int(2.7 * ((size + 2.7) / 2.7) ** rng.random() - 2.7))


_VOCABULARY_CUM: dict[int, list[float]] = {}


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    cum = _VOCABULARY_CUM.get(len(vocabulary))
    if cum is None:
        cum = _VOCABULARY_CUM[len(vocabulary)] = _cumulative(1 / (r + 2.7) for r in range(len(vocabulary)))
    words = [vocabulary[_pick(rng, cum)] for _ in range(rng.randint(5, 16))]
    roll = rng.random()
    if roll < 0.25:
        words[0] = "\x01"
    elif roll < 0.35:
        words[0] = "\x02"
    if len(words) > 6 and rng.random() < 0.4:
        words[rng.randrange(2, len(words) - 2)] += ","
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


# --- Resolving the universe against the database -------------------------------------------------------
@dataclass
class Resolved:
    fandom_ids: list[int]
    fandom_cum: list[float]
    siblings: list[list[int]]
    character_ids: list[list[int]]
    character_cum: list[list[float]]
    character_first: dict[int, str]
    relationship_ids: list[list[int]]
    relationship_cum: list[list[float]]
    relationship_members: dict[int, tuple[int, ...]]
    relationship_category: dict[int, str]
    additional_ids: list[int]
    additional_cum: list[float]
    freeform_ids: list[int]
    synonym_ids: dict[int, list[int]]
    filters_of: dict[int, tuple[int, ...]]
    kind_of: dict[int, str]
    words_of: dict[int, list[str]]
    fandom_tags: set[int]
    authors: list[tuple[int, int, str]]  # user id, default pseud id, username
    author_cum: list[float]


def ensure_universe(universe: Universe) -> Resolved:
    """Create whatever tags, wrangling links and authors of the universe are missing; map names to ids."""
    rng = random.Random("quire-authors")
    with transaction.atomic():
        existing = {
            name.lower(): (pk, kind) for pk, name, kind in Tag.objects.values_list("pk", "name", "type")
        }
        clashes = [
            s.name for key, s in universe.tags.items() if key in existing and existing[key][1] != s.type
        ]
        if clashes:
            raise ValueError(f"Tags already exist with another type: {', '.join(clashes[:5])}")
        # Raw rows rather than bulk_create: Django's per-object overhead was most of a small archive's time.
        now = _timestamp_converter()(int(time.time()))
        tag_table = _Table(Tag, ("name", "type", "canonical", "merger_id", "created_at"))
        new = [s for k, s in universe.tags.items() if k not in existing]
        _write(tag_table, [(s.name, str(s.type), s.canonical, None, now) for s in new if s.merger is None])
        ids = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}
        _write(
            tag_table,
            [(s.name, str(s.type), False, ids[s.merger.lower()], now) for s in new if s.merger is not None],
        )
        ids = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}
        links = {(ids[s.name.lower()], ids[parent.lower()]) for s in new for parent in s.parents}
        _write(_Table(TagParent, ("child_id", "parent_id")), sorted(links))

        users = {name.lower(): pk for pk, name in User.objects.values_list("pk", "username")}
        joined = END - SPAN - timedelta(days=30)
        missing = [name for name in universe.authors if name.lower() not in users]
        new_users = User.objects.bulk_create(
            [
                User(
                    username=name,
                    email=f"{name.lower()}@example.org",
                    password="!" + "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=40)),
                    date_joined=joined - timedelta(days=rng.randrange(365)),
                )
                for name in missing
            ],
            batch_size=1000,
        )
        Pseud.objects.bulk_create(
            [Pseud(user_id=user.pk, name=user.username, is_default=True) for user in new_users],
            batch_size=1000,
        )
    users = {name.lower(): pk for pk, name in User.objects.values_list("pk", "username")}
    pseuds = dict(Pseud.objects.filter(is_default=True).values_list("user_id", "pk"))
    authors = [(users[n.lower()], pseuds[users[n.lower()]], n) for n in universe.authors]

    # Filing, exactly as quire.tags.filters.filter_keys: the filter key and its meta tags, read back from
    # the database so wrangling that was already there counts too.
    merger = {}
    kind_of = {}
    for pk, merger_id, kind in Tag.objects.values_list("pk", "merger_id", "type"):
        merger[pk], kind_of[pk] = merger_id, kind
    meta_parents = defaultdict(list)
    for child, parent in TagParent.objects.values_list("child_id", "parent_id"):
        if kind_of.get(child) == kind_of.get(parent):
            meta_parents[child].append(parent)

    def ancestors(key: int) -> list[int]:
        found, stack = set(), [key]
        while stack:
            for parent in meta_parents.get(stack.pop(), ()):
                if parent not in found and parent != key:
                    found.add(parent)
                    stack.append(parent)
        return sorted(found)

    names = {pk: name for pk, name in Tag.objects.values_list("pk", "name")}
    used = [ids[key] for key in universe.tags]
    filters_of, words_of = {}, {}
    for pk in used:
        key = merger[pk] or pk
        keys = sorted({key, *ancestors(key)})
        filters_of[pk] = tuple(keys)
        words_of[pk] = [names[pk]] + [names[k] for k in keys]  # as indexing._tag_words orders them

    def tag_id(name: str) -> int:
        return ids[name.lower()]

    gender_category = {"ff": "ff", "mm": "mm", "fm": "fm", "mf": "fm"}
    relationship_members, relationship_category, character_first = {}, {}, {}
    for fandom in universe.fandoms:
        for character in fandom.characters:
            character_first[tag_id(character)] = character.split(" ")[0]
        for name, members, kind in fandom.relationships:
            relationship_members[tag_id(name)] = tuple(tag_id(m) for m in members)
            if kind == "platonic":
                category = "gen"
            elif kind == "poly":
                category = "multi"
            else:
                pair = "".join(universe.gender[m] for m in members)
                category = gender_category.get(pair, "other")
            relationship_category[tag_id(name)] = category
    fandom_ids = [tag_id(f.name) for f in universe.fandoms]
    return Resolved(
        fandom_ids=fandom_ids,
        fandom_cum=_cumulative((r + 1) ** -FANDOM_ZIPF for r in range(len(fandom_ids))),
        siblings=[f.siblings for f in universe.fandoms],
        character_ids=[[tag_id(c) for c in f.characters] for f in universe.fandoms],
        character_cum=[
            _cumulative((i + 1) ** -1.1 for i in range(len(f.characters))) for f in universe.fandoms
        ],
        character_first=character_first,
        relationship_ids=[[tag_id(r[0]) for r in f.relationships] for f in universe.fandoms],
        relationship_cum=[
            _cumulative((i + 1) ** -1.0 for i in range(len(f.relationships))) for f in universe.fandoms
        ],
        relationship_members=relationship_members,
        relationship_category=relationship_category,
        additional_ids=[tag_id(n) for n in universe.additional],
        additional_cum=_cumulative((i + 1) ** -1.0 for i in range(len(universe.additional))),
        freeform_ids=[tag_id(n) for n in universe.freeforms],
        synonym_ids={tag_id(c): [tag_id(n) for n in found] for c, found in universe.synonyms.items()},
        filters_of=filters_of,
        kind_of={pk: str(kind) for pk, kind in kind_of.items()},
        words_of=words_of,
        fandom_tags={pk for pk in used if kind_of[pk] == TagType.FANDOM},
        authors=authors,
        author_cum=_cumulative(1 / (r + 20) for r in range(len(authors))),
    )


# --- Works ------------------------------------------------------------------------------------------------
@dataclass
class Batch:
    works: list[tuple] = field(default_factory=list)
    chapters: list[tuple] = field(default_factory=list)
    work_tags: list[tuple[int, int]] = field(default_factory=list)
    filters: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    categories: list[tuple[int, str]] = field(default_factory=list)
    documents: list[tuple] = field(default_factory=list)
    # Each work's writer credited on it, as Work.save does for works made one at a time (quire.creators).
    creatorships: list[tuple] = field(default_factory=list)


WORK_COLUMNS = (
    "id", "author_id", "pseud_id", "title", "summary", "summary_html", "notes", "notes_html", "end_notes",
    "end_notes_html", "text_format", "rating", "language", "expected_chapters", "restricted",
    "is_crossover", "word_count", "chapter_count", "posted_at", "revised_at", "hidden_at", "created_at",
    "updated_at", "sanitizer_version", "filed_under",
)  # fmt: skip
CHAPTER_COLUMNS = (
    "work_id", "position", "title", "summary", "summary_html", "notes", "notes_html", "end_notes",
    "end_notes_html", "body", "body_html", "text_format", "word_count", "posted_at", "created_at",
    "updated_at", "version", "sanitizer_version",
)  # fmt: skip
CREATORSHIP_COLUMNS = ("work_id", "user_id", "pseud_id", "accepted_at", "created_at")
DOCUMENT_COLUMNS = (
    "work_id", "author_id", "restricted", "revised_at", "title", "tags", "people", "summary", "body",
)  # fmt: skip

_WARNING_SPECIFIC = [("violence", 0.6), ("character_death", 0.3), ("non_con", 0.12), ("underage", 0.05)]
_RATING_CUM = _cumulative(w for _, w in RATINGS)
_LANGUAGE_CUM = _cumulative(w for _, w in LANGUAGES)
_START_TS = int((END - SPAN).timestamp())
_SPAN_S = int(SPAN.total_seconds())
_END_TS = int(END.timestamp())
_DAY = 86400
PLAIN = TextFormat.PLAIN.value  # raw rows take plain strings: psycopg would write an Enum by its name


def _chapter_total(rng: random.Random) -> int:
    if rng.random() < 0.55:
        return 1
    return min(50, 1 + int(rng.paretovariate(1.2)))


def _title(rng: random.Random, vocabulary: list[str]) -> str:
    content_start = len(FUNCTION_WORDS)
    count = rng.choice([1, 2, 2, 3, 3, 4])
    words = [vocabulary[content_start + _zipf_index(rng, 600)] for _ in range(count)]
    title = " ".join(w.capitalize() for w in words)
    return ("The " + title) if rng.random() < 0.25 else title


def generate_batch(
    universe: Universe, resolved: Resolved, seed: int, ordinals: range, work_ids: list[int], ts: Callable
) -> Batch:
    """The rows of works number `ordinals` (one generator per work), given their ids."""
    batch = Batch()
    pool, vocabulary = universe.pool, universe.vocabulary
    r = resolved
    for ordinal, work_id in zip(ordinals, work_ids, strict=True):
        rng = random.Random(seed * 1_000_003 + ordinal * 7919 + 17)
        author_id, pseud_id, username = r.authors[_pick(rng, r.author_cum)]

        # Tags, in the order the posting form files them: fandoms, relationships, characters, additional.
        primary = _pick(rng, r.fandom_cum)
        fandoms = [primary]
        roll = rng.random()
        extra = 2 if roll < 0.01 else 1 if roll < 0.07 else 0
        for _ in range(extra):
            siblings = r.siblings[primary]
            other = rng.choice(siblings) if siblings and rng.random() < 0.4 else _pick(rng, r.fandom_cum)
            if other not in fandoms:
                fandoms.append(other)
        relationships, characters = [], []
        for position, fandom in enumerate(fandoms):
            rel_cum = r.relationship_cum[fandom]
            roll = rng.random()
            wanted = 0 if roll < 0.25 else 1 if roll < 0.7 else 2 if roll < 0.88 else 3 if roll < 0.96 else 5
            if position:
                wanted = min(wanted, 1)
            for index in _pick_distinct(rng, rel_cum, wanted) if rel_cum else ():
                rel = r.relationship_ids[fandom][index]
                relationships.append(rel)
                characters.extend(m for m in r.relationship_members[rel] if m not in characters)
            char_cum = r.character_cum[fandom]
            for index in _pick_distinct(rng, char_cum, rng.choice([0, 1, 1, 2, 2, 3, 4]) + (not position)):
                character = r.character_ids[fandom][index]
                if character not in characters:
                    characters.append(character)
        additional_count = min(20, int(rng.expovariate(1 / 4.5)))
        additional = [r.additional_ids[i] for i in _pick_distinct(rng, r.additional_cum, additional_count)]
        if rng.random() < 0.12:
            additional.append(r.freeform_ids[_zipf_index(rng, len(r.freeform_ids))])
        first_names = [r.character_first[c] for c in characters[:2]]
        chosen = [r.fandom_ids[f] for f in fandoms] + relationships + characters + additional
        tag_ids = []
        for tag in chosen:
            found = r.synonym_ids.get(tag)
            if found and rng.random() < SYNONYM_USE_RATE:
                tag = rng.choice(found)
            if tag not in tag_ids:
                tag_ids.append(tag)
        filter_set = set()
        fandom_keys = []
        for tag in tag_ids:
            keys = r.filters_of[tag]
            filter_set.update(keys)
            if tag in r.fandom_tags:
                fandom_keys.append(set(keys))
        crossover = _is_crossover(fandom_keys)
        for tag in tag_ids:
            batch.work_tags.append((work_id, tag))
        for tag in sorted(filter_set):
            batch.filters.append((work_id, tag, r.kind_of[tag]))

        # Fixed metadata.
        rating = RATINGS[_pick(rng, _RATING_CUM)][0]
        language = LANGUAGES[_pick(rng, _LANGUAGE_CUM)][0]
        roll = rng.random()
        if roll < 0.52:
            warnings = ["none_apply"]
        elif roll < 0.82:
            warnings = ["chose_not_to_warn"]
        else:
            warnings = [w for w, p in _WARNING_SPECIFIC if rng.random() < p] or ["violence"]
        for warning in warnings:
            batch.warnings.append((work_id, warning))
        categories = list(dict.fromkeys(r.relationship_category[rel] for rel in relationships))
        if not categories and rng.random() < 0.85:
            categories = ["gen"]
        if rng.random() < 0.05:
            categories.append(rng.choice(["gen", "other", "multi", "ff", "fm", "mm"]))
        for category in dict.fromkeys(categories):
            batch.categories.append((work_id, category))
        filed_under = sorted(
            {filing_key(tag, r.kind_of[tag]) for tag in filter_set}
            | {WARNING_KEYS[w] for w in warnings}
            | {CATEGORY_KEYS[c] for c in categories}
        )

        # Chapters, dates and (realistic) word counts.
        total = _chapter_total(rng)
        draft = rng.random() < DRAFT_RATE
        posted_chapters = total
        if not draft and total > 1 and rng.random() < 0.03:
            posted_chapters = total - 1  # the last chapter waits unposted
        complete = rng.random() < (0.95 if total == 1 else 0.6)
        if complete and posted_chapters == total:
            expected = total
        else:
            expected = None if rng.random() < 0.7 else total + rng.randint(1, 10)
        per_chapter = rng.lognormvariate(math.log(2600), 0.75)
        lengths = [max(60, int(per_chapter * rng.lognormvariate(0, 0.3))) for _ in range(total)]
        posted_sum = sum(lengths[:posted_chapters])
        if posted_sum > MAX_WORDS:
            scale = MAX_WORDS / posted_sum
            lengths = [max(60, int(n * scale)) for n in lengths]
            posted_sum = sum(lengths[:posted_chapters])
        if posted_sum < MIN_WORDS:
            lengths[0] += MIN_WORDS - posted_sum
            posted_sum = MIN_WORDS
        first_post = _START_TS + int(_SPAN_S * math.sqrt(rng.random()))
        chapter_times = [first_post]
        for _ in range(total - 1):
            chapter_times.append(min(_END_TS, chapter_times[-1] + int(rng.expovariate(1 / (12 * _DAY)))))
        if draft:
            posted_at = None
            revised = chapter_times[-1]
            chapter_posted = [None] * total
        else:
            posted_at = ts(first_post)
            revised = chapter_times[posted_chapters - 1]
            chapter_posted = [ts(t) for t in chapter_times[:posted_chapters]]
            chapter_posted += [None] * (total - posted_chapters)
        hidden = not draft and rng.random() < HIDDEN_RATE
        hidden_at = ts(min(_END_TS, revised + rng.randrange(1, 30 * _DAY))) if hidden else None
        created = first_post - rng.randrange(600, 3 * _DAY)
        restricted = rng.random() < RESTRICTED_RATE

        # Prose: pooled sentences, a few paragraphs per chapter, characters' names filled in.
        paragraphs_per_chapter = (
            [rng.randint(4, 8)] if total == 1 else [rng.randint(1, 2) for _ in range(total)]
        )
        sentence_count = sum(paragraphs_per_chapter) * 3
        sentences = rng.choices(pool, k=sentence_count)
        if rng.random() < PHRASE_RATE:
            sentences[rng.randrange(sentence_count)] = rng.choice(PHRASE_SENTENCES)
        one = first_names[0] if first_names else "She"
        two = first_names[1] if len(first_names) > 1 else one
        cursor = 0
        document_parts = []
        title = _title(rng, vocabulary)
        for position in range(total):
            paragraphs = []
            for _ in range(paragraphs_per_chapter[position]):
                size = rng.randint(2, 4)
                text = " ".join(sentences[cursor : cursor + size]) or sentences[-1]
                cursor += size
                paragraphs.append(text.replace("\x01", one).replace("\x02", two))
            body = "\n\n".join(paragraphs)
            body_html = "\n".join(f"<p>{p}</p>" for p in paragraphs)
            chapter_title = "" if rng.random() < 0.5 else _title(rng, vocabulary)
            chapter_time = ts(chapter_times[position])
            batch.chapters.append(
                (
                    work_id,
                    position + 1,
                    chapter_title,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    body,
                    body_html,
                    PLAIN,
                    lengths[position],
                    chapter_posted[position],
                    chapter_time,
                    chapter_time,
                    1,
                    SANITIZER_VERSION,
                )  # fmt: skip
            )
            if chapter_posted[position] is not None:
                document_parts.append(" " + " \n ".join(paragraphs) + " ")

        summary = " ".join(rng.choices(pool, k=rng.randint(1, 3))).replace("\x01", one).replace("\x02", two)
        notes = rng.choice(pool).replace("\x01", one).replace("\x02", two) if rng.random() < 0.2 else ""
        end_notes = rng.choice(pool).replace("\x01", one).replace("\x02", two) if rng.random() < 0.1 else ""
        html = [f"<p>{text}</p>" if text else "" for text in (summary, notes, end_notes)]
        batch.works.append(
            (
                work_id,
                author_id,
                pseud_id,
                title,
                summary,
                html[0],
                notes,
                html[1],
                end_notes,
                html[2],
                PLAIN,
                rating,
                language,
                expected,
                restricted,
                crossover,
                0 if draft else posted_sum,
                0 if draft else posted_chapters,
                posted_at,
                ts(revised),
                hidden_at,
                ts(created),
                ts(revised),
                SANITIZER_VERSION,
                filed_under if connection.vendor == "postgresql" else json.dumps(filed_under),
            )  # fmt: skip
        )
        batch.creatorships.append((work_id, author_id, pseud_id, ts(created), ts(created)))
        if not draft and not hidden:
            tag_text = " ; ".join(dict.fromkeys(word for tag in tag_ids for word in r.words_of[tag]))
            summary_text = "\n".join(f" {text} " for text in (summary, notes, end_notes) if text)
            batch.documents.append(
                (
                    work_id,
                    author_id,
                    restricted,
                    ts(revised),
                    title,
                    tag_text,
                    username,
                    summary_text,
                    "\n\n".join(document_parts),
                )
            )
    return batch


# --- Writing rows -----------------------------------------------------------------------------------------
class _Table:
    """Columns we fill, plus every other column of the model at its default (so a field added later
    does not break loading)."""

    def __init__(self, model, columns: tuple[str, ...]):
        self.model = model
        self.table = model._meta.db_table
        self.columns = list(columns)
        known = {f.column for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"{self.table} has no column {', '.join(unknown)}")
        self.extra_fields = [
            f for f in model._meta.concrete_fields if f.column not in columns and not f.primary_key
        ]

    def extras(self) -> tuple:
        values = []
        for f in self.extra_fields:
            if f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            elif f.blank and f.empty_strings_allowed:
                value = ""  # an optional text field, as a form leaves it
            else:
                raise ValueError(f"{self.table}.{f.column} has no default; teach the generator to fill it")
            values.append(f.get_db_prep_save(value, connection))
        return tuple(values)

    @property
    def all_columns(self) -> list[str]:
        return self.columns + [f.column for f in self.extra_fields]


def _write(table: _Table, rows: list[tuple]) -> None:
    if not rows:
        return
    extras = table.extras()
    columns = ", ".join(connection.ops.quote_name(c) for c in table.all_columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.copy(f"COPY {table.table} ({columns}) FROM STDIN") as copy:
            if not extras and table.table in ("works_worktag", "tags_workfilter"):
                # Integers and a tag type (no tab or backslash in either): text is several times faster
                # than write_row.
                chunk = 100_000
                for start in range(0, len(rows), chunk):
                    copy.write(
                        "".join("\t".join(map(str, row)) + "\n" for row in rows[start : start + chunk])
                    )
            else:
                for row in rows:
                    copy.write_row(row + extras)
    else:
        placeholders = ", ".join(["?"] * len(table.all_columns))
        sql = f"INSERT INTO {table.table} ({columns}) VALUES ({placeholders})"
        raw = connection.connection
        raw.executemany(sql, (row + extras for row in rows) if extras else rows)


def _timestamp_converter() -> Callable:
    if connection.vendor == "postgresql":
        return lambda seconds: datetime.fromtimestamp(seconds, UTC)
    # What Django's SQLite backend stores for a UTC datetime without microseconds.
    return lambda seconds: time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds))


def _reserve_work_ids(count: int) -> list[int]:
    """Ids for the next works. PostgreSQL hands them out from the sequence (so batches written at the
    same time never collide); SQLite has one writer, which continues from the highest id."""
    table = Work._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
                [count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))


def _update_vectors(first_id: int, last_id: int) -> None:
    """One set-based UPDATE per batch, with the weights quire.discovery.indexing uses."""
    # The generated text holds no CJK (quire.discovery.cjk), so the stored text is what the index reads.
    SearchDocument.objects.filter(work_id__gte=first_id, work_id__lte=last_id, vector__isnull=True).update(
        vector=stored_vector()
    )


def _tables() -> dict[str, _Table]:
    return {
        "works": _Table(Work, WORK_COLUMNS),
        "chapters": _Table(Chapter, CHAPTER_COLUMNS),
        "work_tags": _Table(WorkTag, ("work_id", "tag_id")),
        "filters": _Table(WorkFilter, ("work_id", "tag_id", "tag_type")),
        "warnings": _Table(WorkWarning, ("work_id", "warning")),
        "categories": _Table(WorkCategory, ("work_id", "category")),
        "documents": _Table(SearchDocument, DOCUMENT_COLUMNS),
        "creatorships": _Table(Creatorship, CREATORSHIP_COLUMNS),
    }


def _write_batch(tables: dict[str, _Table], batch: Batch, ids: list[int], before_commit=None) -> None:
    with transaction.atomic():
        postgres = connection.vendor == "postgresql"
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        for name, table in tables.items():
            _write(table, getattr(batch, name))
        if postgres:
            _update_vectors(ids[0], ids[-1])
        if before_commit:
            before_commit()


class _Writers:
    """Batches written by parallel connections (PostgreSQL: computing search vectors is the slow part and
    uses a core per connection), committed strictly in order, so the archive is always the works numbered
    0..n-1 and an interrupted load resumes where it stopped."""

    def __init__(self, count: int, tables: dict[str, _Table]):
        self.tables = tables
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.failure: BaseException | None = None
        self.last_done = threading.Event()
        self.last_done.set()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(count)]
        for thread in self.threads:
            thread.start()

    def submit(self, batch: Batch, ids: list[int], on_commit: Callable[[], None]) -> None:
        if self.failure:
            raise self.failure
        previous, done = self.last_done, threading.Event()
        self.last_done = done
        self.queue.put((batch, ids, previous, done, on_commit))

    def _run(self) -> None:
        try:
            while (item := self.queue.get()) is not None:
                batch, ids, previous, done, on_commit = item
                try:
                    if self.failure is None:

                        def wait_for_previous(previous=previous):
                            previous.wait()
                            if self.failure:
                                raise RuntimeError("an earlier batch failed")

                        _write_batch(self.tables, batch, ids, before_commit=wait_for_previous)
                        on_commit()
                except BaseException as error:  # reported by submit() and close()
                    self.failure = self.failure or error
                finally:
                    done.set()
        finally:
            connections.close_all()

    def close(self) -> None:
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
        if self.failure:
            raise self.failure


def generate_archive(
    *,
    works: int,
    seed: int = 1,
    batch_size: int = DEFAULT_BATCH,
    writers: int | None = None,
    log: Callable[[str], None] = print,
) -> int:
    """Add works until the archive holds `works` of them; returns how many were added.

    `writers`: connections writing at once; by default 2 on PostgreSQL outside a transaction, else 1.
    """
    existing = Work.objects.count()
    if existing >= works:
        log(f"The archive already has {existing:,} works; nothing to add.")
        return 0
    started = time.perf_counter()
    universe = build_universe(seed)
    resolved = ensure_universe(universe)
    log(
        f"Universe ready: {len(universe.tags):,} tags, {len(universe.authors):,} authors "
        f"({time.perf_counter() - started:.1f}s)"
    )
    tables = _tables()
    ts = _timestamp_converter()
    postgres = connection.vendor == "postgresql"
    if writers is None:
        writers = 2 if postgres and not connection.in_atomic_block else 1
    if not postgres:
        writers = 1  # one writer at a time is all SQLite allows
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB for this connection's index updates
    committed = [existing]

    def progress(count: int) -> None:
        committed[0] += count
        elapsed = time.perf_counter() - started
        done = committed[0] - existing
        log(f"{committed[0]:,} of {works:,} works ({done / elapsed:,.0f} works/s, {elapsed:,.0f}s)")

    pool = _Writers(writers, tables) if writers > 1 else None
    try:
        for ordinal in range(existing, works, batch_size):
            count = min(batch_size, works - ordinal)
            ids = _reserve_work_ids(count)
            batch = generate_batch(universe, resolved, seed, range(ordinal, ordinal + count), ids, ts)
            if pool:
                pool.submit(batch, ids, lambda count=count: progress(count))
            else:
                _write_batch(tables, batch, ids)
                progress(count)
    finally:
        if pool:
            pool.close()
    _analyze()
    added = works - existing
    log(f"Added {added:,} works in {time.perf_counter() - started:,.1f}s.")
    return added


def _analyze() -> None:
    """Fresh statistics for the planner (and, outside a transaction, a vacuumed PostgreSQL: the visibility
    map lets counts use index-only scans), as a settled archive would have."""
    outside = not connection.in_atomic_block
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if outside:
                # The search vectors are written by an UPDATE after the COPY, which leaves each narrow row
                # beside its dead first version; rewritten, the documents take the pages a migrated archive's
                # take (discovery.0004), and a common word reads a tenth of them.
                cursor.execute("VACUUM (FULL) discovery_searchdocument")
            cursor.execute("VACUUM (ANALYZE)" if outside else "ANALYZE")
        else:
            cursor.execute("ANALYZE")
            if outside:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
