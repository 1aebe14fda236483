"""Readability figures from textstat: context for the writer, never a finding."""

from dataclasses import dataclass

import textstat


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    grade: float
    words_per_sentence: float
    reading_minutes: int

    @property
    def ease_label(self) -> str:
        score = self.flesch_reading_ease
        if score >= 80:
            return "easy"
        if score >= 60:
            return "plain"
        if score >= 40:
            return "fairly difficult"
        return "difficult"


def measure(document) -> Readability | None:
    if document.word_count < 30:
        return None
    text = document.text
    sentences = max(len(document.sentences), 1)
    return Readability(
        flesch_reading_ease=round(textstat.flesch_reading_ease(text), 1),
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        words_per_sentence=round(document.word_count / sentences, 1),
        # 230 words a minute, a common figure for fiction read on screen.
        reading_minutes=max(1, round(document.word_count / 230)),
    )
