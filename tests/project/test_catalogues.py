"""The translation catalogues: every interface text translated in every language, none fuzzy.

The texts are extracted again from the sources (Django's makemessages, on a copy, so
the real catalogues are left alone) and each language's catalogue must have every one,
translated and not fuzzy, and compile with msgfmt.

A change that adds or rewords a text fails here until every language has it: run
`make messages` and translate the new entries (tests/project/test_catalogues.py names them).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Phase 2 of issue 15 translates these and empties the set.
NOT_SOURCES = shutil.ignore_patterns(
    ".*", "node_modules", "staticfiles", "media", "locale", "docs", "bench", "tests", "__pycache__", "*.sqlite3"
)


def needs_gettext() -> None:
    if not (shutil.which("xgettext") and shutil.which("msgfmt")):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is missing: `make translations` installs it on CI.")
        pytest.skip("needs GNU gettext (xgettext, msgfmt): apt-get install gettext")


def catalogue_path(language: str) -> Path:
    return ROOT / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"


def message_key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def missing_translations(catalogue: polib.POFile, texts: set[tuple[str | None, str]]) -> list[str]:
    """The texts the catalogue lacks, leaves untranslated or marks fuzzy."""
    done = {message_key(e) for e in catalogue if e.translated() and not e.obsolete}
    return sorted(msgid if not context else f"{context}|{msgid}" for context, msgid in texts - done)


@pytest.fixture(scope="session")
def source_texts(tmp_path_factory) -> set[tuple[str | None, str]]:
    """Every text marked for translation in the code and templates, as makemessages extracts it now."""
    needs_gettext()
    copy = tmp_path_factory.mktemp("sources") / "concord"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCES)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "en", "--keep-pot", "--verbosity", "0"],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "trackerproj.settings"},
    )
    return {message_key(e) for e in polib.pofile(str(copy / "locale" / "django.pot")) if e.msgid}


def test_every_language_of_the_site_has_a_catalogue():
    assert [code for code in LANGUAGES if not catalogue_path(code).exists()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_compiles(language, tmp_path):
    needs_gettext()
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalogue_path(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "language",
    LANGUAGES,
)
def test_every_text_is_translated_and_none_is_fuzzy(language, source_texts):
    missing = missing_translations(polib.pofile(str(catalogue_path(language))), source_texts)
    assert missing == [], f"{len(missing)} of {len(source_texts)} texts not translated in {language}: {missing[:20]}"


def test_the_check_finds_missing_untranslated_and_fuzzy_texts():
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Dyads", msgstr="Diadas"))
    catalogue.append(polib.POEntry(msgid="Method", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Log in", msgstr="Entrar", flags=["fuzzy"]))
    catalogue.append(
        polib.POEntry(msgctxt="form field", msgid="%(field)s — %(language)s", msgstr="%(field)s — %(language)s")
    )
    texts = {(None, "Dyads"), (None, "Method"), (None, "Log in"), (None, "Workspace")}
    assert missing_translations(catalogue, texts) == ["Log in", "Method", "Workspace"]
    assert missing_translations(catalogue, {(None, "Dyads"), ("form field", "%(field)s — %(language)s")}) == []
