"""Every English set-phrase rule fires on what it was written for and not on a near miss.

These rules once held literal backspace characters where ``\\b`` was meant, so 14 of the 15
never fired and no test noticed. Each rule now has an example it must match and a near miss it
must not (mostly a word boundary: "atypical", "know answer", "waited"), and the list below must
cover every rule, so a new rule cannot land untested. ruff's PLE2510 refuses the control
character itself.
"""

from __future__ import annotations

import pytest

from core.sentiment.analyzers import _ANY_PHRASE, IRONY, PHRASES, SARCASM, SocialAnalyzer

# (rule index in PHRASES, fires on, does not fire on)
PHRASE_CASES = [
    (0, "How is that normal??", "How is that normal?"),
    (1, "Still nothing from the consulate", "I am still grateful for the help"),
    (2, "No answer to my email", "I know answers take time"),
    (3, "Hello? Is this page alive", "Othello? Great play"),
    (4, "Typical, as always.", "The embassy has always been atypically kind"),
    (5, "My visa was refused again", "I deleted mystery spam from my inbox"),
    (6, "This is pure propaganda", "A propagandist's handbook review"),
    (7, "400+ days and still waiting, is this normal", "We waited 3 days for the festival"),
    (8, "Why is the website down?", "Why not, it sounds fun."),
    (9, "Start with your own country", "Restart with the new form"),
    (10, "The hotline doesn't answer", "The hotline answered at once"),
    (11, "Nothing beats Samarkand in spring", "Nothing but trouble"),
    (12, "Can't complain, quick service", "So many complaints"),
    (13, "Well done, team!", "Not worth the paper it is printed on"),
    (14, "The interview was quick", "It was quickly forgotten"),
]

IRONY_CASES = [
    ('Such "values" you have', "Our values matter"),
    ("Great job 🙃", "Great job 🙂"),
    ("Such transparency.", "Transparency is important"),
    ("Very mature reply", "Very maturely handled"),
    ("Can't wait to wait another year", "Can't wait to visit"),
    ("That really helped, thanks", "It really helps"),
]

SARCASM_CASES = [
    ("Thanks for nothing", "Thanks for everything"),
    ("Yeah, right", "Yeah, the right form"),
    ("Great, another delay", "Great, thank you"),
    ("So helpful 🙄", "So helpful 😊"),
]


def test_every_phrase_rule_has_a_case() -> None:
    assert sorted(index for index, _, _ in PHRASE_CASES) == list(range(len(PHRASES)))


@pytest.mark.parametrize(("index", "fires", "near_miss"), PHRASE_CASES)
def test_phrase_rule(index: int, fires: str, near_miss: str) -> None:
    pattern, _ = PHRASES[index]
    assert pattern.search(fires), fires
    assert not pattern.search(near_miss), near_miss
    # The one-search shortcut must agree: it decides whether the rules are checked at all.
    assert _ANY_PHRASE.search(fires)


@pytest.mark.parametrize(("fires", "near_miss"), IRONY_CASES)
def test_irony_rule(fires: str, near_miss: str) -> None:
    assert IRONY.search(fires) and not IRONY.search(near_miss)


@pytest.mark.parametrize(("fires", "near_miss"), SARCASM_CASES)
def test_sarcasm_rule(fires: str, near_miss: str) -> None:
    assert SARCASM.search(fires) and not SARCASM.search(near_miss)


def test_no_control_characters_in_rule_patterns() -> None:
    patterns = [p.pattern for p, _ in PHRASES] + [IRONY.pattern, SARCASM.pattern]
    assert not [p for p in patterns if any(ord(c) < 32 for c in p)]


@pytest.mark.parametrize("text", ["Still nothing. Typical, as always.",
                                  "Still waiting for an answer. Anyone?",
                                  "The embassy doesn't answer the phone"])
def test_complaints_without_sentiment_words_read_negative(text: str) -> None:
    assert SocialAnalyzer().analyze(text)[0] < 0


@pytest.mark.parametrize("text", ["Nothing beats the Navruz concert", "Can't complain!",
                                  "Worth the wait"])
def test_praise_idioms_read_positive(text: str) -> None:
    assert SocialAnalyzer().analyze(text)[0] > 0
