"""Dashboards in other languages: localised dates, one cached page per language, translated content."""

import pytest

from tests.factories import MilestoneFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_dates_are_localised_and_each_language_has_its_own_cached_page(client, history, dyad):
    # The last snapshot is 31 Dec 2024; the dyad page body is cached, per language.
    url = dyad.get_absolute_url()
    english = client.get(url).content.decode()
    french = client.get(f"/fr{url}").content.decode()
    russian = client.get(f"/ru{url}").content.decode()
    assert "as of 31 Dec 2024" in english
    assert "31 Déc 2024" in french
    assert "31 Дек 2024" in russian


@pytest.fixture
def persian_program(dyad):
    program = ProgramFactory(
        dyad=dyad,
        title="Shared heritage archive",
        summary="Digitising archives.",
        language="fa",
        i18n={"title_fa": "آرشیو میراث مشترک", "summary_fa": "دیجیتال‌سازی بایگانی‌ها.", "title_ar": "أرشيف التراث"},
    )
    MilestoneFactory(program=program, title="Catalogue published", i18n={"title_fa": "انتشار فهرست"})
    return program


def test_a_program_page_shows_the_pages_language_where_it_has_it(client, persian_program):
    url = persian_program.get_absolute_url()
    persian = client.get(f"/fa{url}").content.decode()
    assert "<h1>آرشیو میراث مشترک</h1>" in persian and "دیجیتال‌سازی بایگانی‌ها." in persian
    assert "<td>انتشار فهرست</td>" in persian and "original language" not in persian
    english = client.get(url).content.decode()
    assert "<h1>Shared heritage archive</h1>" in english and "Catalogue published" in english


def test_otherwise_the_original_language_marked_as_such(client, persian_program):
    # Arabic has a title but no summary: the summary is shown in its original, Persian, with lang and a note.
    url = persian_program.get_absolute_url()
    arabic = client.get(f"/ar{url}").content.decode()
    assert "<h1>أرشيف التراث</h1>" in arabic
    assert (
        '<span lang="fa" dir="rtl">دیجیتال‌سازی بایگانی‌ها.</span> '
        '<span class="original-language">(اللغة الأصلية: فارسی)</span>'  # the note in Arabic
    ) in arabic
    russian = client.get(f"/ru{url}").content.decode()
    assert '<span lang="fa" dir="rtl">آرشیو میراث مشترک</span>' in russian


def test_the_dyad_page_lists_programs_in_the_pages_language(client, persian_program):
    url = persian_program.dyad.get_absolute_url()
    persian = client.get(f"/fa{url}").content.decode()
    assert f'<a href="/fa/programs/{persian_program.pk}/">آرشیو میراث مشترک</a>' in persian
    french = client.get(f"/fr{url}").content.decode()
    assert '<span lang="fa" dir="rtl">آرشیو میراث مشترک</span>' in french
