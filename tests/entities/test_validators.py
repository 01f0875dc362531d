"""The shared check for text from people: control characters and lengths."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from entities.validators import (
    TextInputFormMixin,
    clean_text,
    guard_text_field,
    validate_multiline_text,
    validate_single_line_text,
)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x1f", "\x7f", "\t", "\n"])
def test_single_line_text_refuses_every_control_character(char):
    with pytest.raises(ValidationError, match=f"U\\+{ord(char):04X}"):
        validate_single_line_text(f"Ana{char}Lopez")


def test_multiline_text_keeps_tab_and_line_breaks_only():
    validate_multiline_text("One\tline\r\nand another\n")
    for char in ["\x00", "\x0b", "\x0c", "\x1b", "\x7f"]:
        with pytest.raises(ValidationError):
            validate_multiline_text(f"One{char}line")


def test_ordinary_unicode_passes():
    validate_single_line_text("Shehbaz Sharif — 中国 — ‏اردو")


def test_clean_text_strips_and_names_the_limit():
    assert clean_text("  Ana  ", max_length=5) == "Ana"
    with pytest.raises(ValidationError) as error:
        clean_text("x" * 201, max_length=200, what="Name")
    assert error.value.messages == ["Name: Use at most 200 characters (this has 201)."]
    assert clean_text(None) == ""


def test_guarded_forms_refuse_control_characters_as_form_errors():
    class Form(TextInputFormMixin, forms.Form):
        title = forms.CharField()
        notes = forms.CharField(widget=forms.Textarea)
        count = forms.IntegerField(required=False)

    form = Form({"title": "a\x01b", "notes": "line\nline\x1b[31m"})
    assert not form.is_valid()
    assert "U+0001" in form.errors["title"][0]
    assert "U+001B" in form.errors["notes"][0]
    assert Form({"title": "ok", "notes": "line\r\nline\t"}).is_valid()


def test_guard_is_added_once_and_only_to_text_fields():
    field = forms.CharField()
    guard_text_field(guard_text_field(field))
    assert field.validators.count(validate_single_line_text) == 1
    number = forms.IntegerField()
    assert guard_text_field(number).validators == number.validators
