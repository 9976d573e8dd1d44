"""The words catalogues: every language says every key, with the same placeholders."""

import string

import pytest

from govtopics.presentation import words


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_every_key_with_the_same_placeholders():
    languages = words.languages()
    assert languages == ["en", "zh"]
    english = words.catalogue("en")
    for language in languages[1:]:
        other = words.catalogue(language)
        assert set(other) == set(english), f"{language}: keys differ from en"
        for key, template in english.items():
            assert _placeholders(other[key]) == _placeholders(template), f"{language}: {key}"


def test_say_fills_the_numbers_and_names_a_missing_language():
    assert words.say("page.first_rows", "en", shown=500, total=812) == "First 500 of 812 rows; the CSV has all."
    assert words.say("page.first_rows", "zh", shown=500, total=812) == "显示前 500 行（共 812 行）；CSV 含全部。"
    # a long caption is one line: no newline or doubled space from its continuation lines
    for language in words.languages():
        for key, text in words.catalogue(language).items():
            assert "  " not in text, f"{language}: {key}"
            assert "\n" not in text or key.startswith("figure."), f"{language}: {key}: a line break outside a title"
    with pytest.raises(ValueError, match=r"report.language: no words for 'fr' \(there are en, zh\); add fr.toml"):
        words.say("page.title", "fr")
