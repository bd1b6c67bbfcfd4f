"""Program titles and summaries, and milestone titles, in several languages: forms, services, API, history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core.history import change_log
from core.i18n import localized, narratives
from core.versioning import BasedOn, EditConflict
from milestones.models import Milestone
from milestones.services import create_milestone
from programs.models import Program
from programs.services import update_program
from tests.api.conftest import token_client
from tests.factories import MilestoneFactory, ProgramFactory
from tests.people import staff
from tests.programs.test_workspace_pages import form_data

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_the_program_form_takes_the_texts_in_other_languages(client, dyad):
    client.force_login(staff("IR"))
    page = client.get(reverse("workspace:program_new")).content.decode()
    assert '<details class="translations">' in page
    assert 'name="title_fa"' in page and 'lang="fa"' in page and 'dir="auto"' in page
    assert "Title — Persian" in page and 'name="language"' in page
    data = form_data(language="fa", title_fa="آرشیو مشترک", summary_fa="", title_ar="أرشيف مشترك")
    response = client.post(reverse("workspace:program_new"), {**data, "dyad": dyad.pk})
    assert response.status_code == 302
    program = Program.objects.get(title="Joint archive")
    assert program.language == "fa"
    assert program.i18n == {"title_fa": "آرشیو مشترک", "title_ar": "أرشيف مشترك"}  # no empty entries


def test_editing_keeps_the_original_language_when_a_client_does_not_send_it(client, program):
    program.language = "fa"
    program.save()
    client.force_login(staff("IR"))
    client.post(reverse("workspace:program_edit", args=[program.pk]), form_data(title="Renamed"))
    program.refresh_from_db()
    assert program.title == "Renamed" and program.language == "fa"


def test_only_the_sites_languages_can_be_the_original(program):
    program.language = "de"
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "language" in error.value.message_dict


def test_a_translation_change_is_listed_in_the_history(program):
    program.i18n = {"title_fr": "Archives"}
    program.save()
    assert program.history.first().i18n == {"title_fr": "Archives"}
    (latest, *_older) = change_log(program)
    assert [(c.field, c.old, c.new) for c in latest.changes] == [("Title (FR)", "—", "Archives")]


def test_staff_log_a_milestone_with_its_title_in_other_languages(client, program):
    client.force_login(staff("IR"))
    response = client.post(
        reverse("workspace:milestone_new", args=[program.pk]),
        {"title": "Exhibition opens", "due_date": "2026-06-01", "description": "", "title_es": "Abre la exposición"},
    )
    assert response.status_code == 302
    assert Milestone.objects.get(title="Exhibition opens").i18n == {"title_es": "Abre la exposición"}


def test_a_milestone_translation_must_be_one_of_the_sites_languages(program):
    with pytest.raises(ValidationError):
        create_milestone(
            user=staff("IR"), program=program, title="X", due_date=program.start_date, translations={"title_de": "Y"}
        )


def test_the_api_returns_every_language_original_first(program):
    program.language = "fa"
    program.i18n = {"title_fa": "آرشیو", "title_ar": "أرشيف", "summary_fa": "خلاصه"}
    program.save()
    body = token_client(staff("IR")).get(f"{API}/programs/{program.pk}/").json()
    assert body["language"] == "fa"
    assert list(body["translations"]["title"].items()) == [("fa", "آرشیو"), ("en", program.title), ("ar", "أرشيف")]
    assert body["translations"]["summary"] == {"fa": "خلاصه", "en": program.summary}


def test_the_api_writes_a_language_and_creates_milestones_with_translations(program):
    client = token_client(staff("IR"))
    response = client.patch(f"{API}/programs/{program.pk}/", {"title_ru": "Архив", "language": "ru"}, format="json")
    assert response.status_code == 200, response.content
    program.refresh_from_db()
    assert program.i18n == {"title_ru": "Архив"} and program.language == "ru"
    payload = {"program": program.id, "title": "Cohort", "due_date": "2026-06-30", "title_zh_hans": "交流"}
    created = client.post(f"{API}/milestones/", payload, format="json").json()
    assert created["translations"] == {"title": {"en": "Cohort", "zh-hans": "交流"}}


def test_localized_falls_back_to_the_original_then_english(dyad):
    program = ProgramFactory(dyad=dyad, title="Water", language="es", i18n={"title_es": "Agua", "title_fr": "Eau"})
    milestone = MilestoneFactory(program=program, title="Wells dug", i18n={"title_es": "Pozos"})
    with translation.override("fr"):
        assert (localized(program, "title").text, localized(program, "title").is_original_fallback) == ("Eau", False)
        assert localized(milestone, "title").language == "es"  # a milestone's original language is its program's
    with translation.override("ar"):
        text = localized(program, "title")
        assert (text.text, text.language, text.is_original_fallback, text.direction) == ("Agua", "es", True, "ltr")
    program.i18n = {}
    with translation.override("ar"):
        assert (localized(program, "title").text, localized(program, "title").language) == ("Water", "en")
    assert narratives(milestone, "title") == [("es", "Pozos"), ("en", "Wells dug")]


def test_two_sides_translating_into_different_languages_at_once_keep_both(program):
    opened = BasedOn(program.version)
    update_program(
        user=staff("IR"), program=Program.objects.get(pk=program.pk), data={"title_fa": "آرشیو"}, based_on=opened
    )
    update_program(
        user=staff("SA"), program=Program.objects.get(pk=program.pk), data={"title_ar": "أرشيف"}, based_on=opened
    )
    program.refresh_from_db()
    assert program.i18n == {"title_fa": "آرشیو", "title_ar": "أرشيف"}


def test_a_translation_changed_meanwhile_into_the_same_language_is_a_conflict(program):
    opened = BasedOn(program.version)
    update_program(
        user=staff("IR"), program=Program.objects.get(pk=program.pk), data={"title_fa": "آرشیو"}, based_on=opened
    )
    with pytest.raises(EditConflict) as conflict:
        update_program(user=staff("SA"), program=program, data={"title_fa": "بایگانی"}, based_on=opened)
    assert "title_fa" in conflict.value.mine
    program.refresh_from_db()
    assert program.i18n == {"title_fa": "آرشیو"}
