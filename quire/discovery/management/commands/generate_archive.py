from django.core.management.base import BaseCommand, CommandError

from quire.discovery.generator import DEFAULT_BATCH, PHRASE, PHRASE_RATE, generate_archive


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic archive for benchmarks: works (Zipf-sized fandoms, power-law "
        "tags with synonyms and meta tags, crossovers, drafts, restricted and hidden works, five years of "
        "dates), authors, chapters, tag filters and search documents, written in bulk. Deterministic for "
        "a seed; --works N adds works until there are N in total, so running it again does nothing. "
        "Each work stores only a few hundred words of generated prose, spread over its chapters, while "
        "its word_count is a realistic figure (500 to 200,000 words): the stored text does not add up to "
        f'the word counts. The phrase "{PHRASE}" appears in about {PHRASE_RATE:.1%} of works.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--works", type=int, required=True, help="How many works the archive should hold")
        parser.add_argument("--seed", type=int, default=1, help="The same seed makes the same archive")
        parser.add_argument(
            "--batch", type=int, default=DEFAULT_BATCH, help="Works per transaction (default %(default)s)"
        )

    def handle(self, *args, works, seed, batch, **options):
        if works < 0 or batch < 1:
            raise CommandError("--works must be at least 0 and --batch at least 1.")
        generate_archive(works=works, seed=seed, batch_size=batch, log=self.stdout.write)
