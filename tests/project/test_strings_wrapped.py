"""Every user-facing string is marked for translation (issue 15).

Two guards, both static (no database):

1. Templates: each template is split with Django's own Lexer; text outside
   {% translate %}/{% blocktranslate %} (and outside comments, <script> and <style>) must hold
   no words, and neither may the attributes a person reads or hears (title, aria-label, alt,
   placeholder). Brand names and codes that are the same in every language are allowed below.
2. Models of Concord's apps: choices labels, help texts and verbose names given explicitly are
   lazy translations (a verbose name Django derives from the field name cannot be wrapped
   without a migration, so it is left to the forms' labels).
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils.functional import Promise

ROOT = Path(settings.BASE_DIR)
SKIPPED_DIRS = {".venv", "node_modules", "staticfiles", "static", "tests", "bench", ".git"}
# Words the same in every language: the product's name and names of formats and standards.
ALLOWED_WORDS = {"Concord", "Redoc", "CSV", "JSON", "IATI", "XML", "API"}
READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "aria-description", "aria-roledescription")
OPENING = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans", "comment": "endcomment"}
# A non-text token stands as this mark, so an attribute value built by a tag is seen as filled.
MARK = "\x00"
TAG = re.compile(r"<[^>]*>", re.S)
ATTRIBUTE = re.compile(r"""\s({})\s*=\s*(["'])(.*?)\2""".format("|".join(READ_ATTRIBUTES)), re.S | re.I)
HIDDEN_ELEMENT = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
ENTITY = re.compile(r"&#?\w+;")
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def template_files() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("templates/**/*")):
        parts = set(path.relative_to(ROOT).parts)
        if path.is_file() and path.suffix in {".html", ".txt"} and not parts & SKIPPED_DIRS:
            found.append(path)
    return found


def untranslated_text(source: str) -> str:
    """The template with translated text, comments and tags' own work taken out."""
    kept: list[str] = []
    closing = None
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            kept.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK and token.contents.split()[0] in OPENING:
            closing = OPENING[token.contents.split()[0]]
        kept.append(MARK)
    return "".join(kept)


def untranslated_words(source: str) -> list[str]:
    text = HIDDEN_ELEMENT.sub(MARK, untranslated_text(source))
    read = [m.group(3) for tag in TAG.findall(text) for m in ATTRIBUTE.finditer(tag)]
    visible = ENTITY.sub(" ", TAG.sub(MARK, text))
    words = WORD.findall(" ".join([visible, *read]))
    return [word for word in words if word not in ALLOWED_WORDS]


def test_the_guard_sees_text_outside_translate_and_not_inside():
    assert untranslated_words('{% load i18n %}<p title="Help">{% translate "Done" %} Open</p>') == ["Open", "Help"]
    assert untranslated_words("{% blocktranslate trimmed %}Hello {{ name }}{% endblocktranslate %}") == []
    assert untranslated_words('<a class="button" href="/x">{{ name }}</a> · Concord') == []
    assert untranslated_words('<img alt="{% translate "Chart" %}"><script>let a = "b";</script>') == []


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_text_is_translatable(path):
    words = untranslated_words(path.read_text(encoding="utf-8"))
    assert not words, f"{path.relative_to(ROOT)} shows words outside {{% translate %}}: {words[:12]}"


def concord_models():
    """Our apps' models; django-simple-history's copies take their fields from these."""
    for config in apps.get_app_configs():
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts:
            yield from (model for model in config.get_models() if not model.__name__.startswith("Historical"))


def unwrapped_model_texts(model) -> list[str]:
    found = []
    for field in model._meta.get_fields():
        # Reverse relations and Django's own id; modeltrans names its per-language fields itself.
        if field.auto_created or type(field).__module__.startswith("modeltrans"):
            continue
        where = f"{model._meta.label}.{field.name}"
        derived_name = field.name.replace("_", " ")
        verbose_name = getattr(field, "verbose_name", None)
        if verbose_name and verbose_name != derived_name and not isinstance(verbose_name, Promise):
            found.append(f"{where} verbose_name {verbose_name!r}")
        help_text = getattr(field, "help_text", "")
        if help_text and not isinstance(help_text, Promise):
            found.append(f"{where} help_text {help_text!r}")
        for _value, label in getattr(field, "flatchoices", None) or []:
            if isinstance(label, str) and not isinstance(label, Promise):
                found.append(f"{where} choice {label!r}")
    for option in ("verbose_name", "verbose_name_plural"):
        value = getattr(model._meta, option)
        if model._meta.original_attrs.get(option) and not isinstance(value, Promise):
            found.append(f"{model._meta.label} Meta.{option} {value!r}")
    return found


def test_model_texts_are_lazy_translations():
    found = [text for model in concord_models() for text in unwrapped_model_texts(model)]
    assert not found, "wrap in gettext_lazy:\n" + "\n".join(found)
