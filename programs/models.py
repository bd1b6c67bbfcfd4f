"""States, dyads, their rupture and normalisation events, and programs.

Also the organisations people work for (ministries, evaluation
organisations) and each user's role, which the permission layer reads.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltrans.fields import TranslationField
from modeltrans.manager import MultilingualManager
from simple_history.models import HistoricalRecords

from core.dates import stored_date_bounds, validate_domain_date
from core.history import StoredFieldsHistory
from core.i18n import validate_language_code
from core.models import VersionedRecord
from core.search import text_search
from core.text import reject_bidi_controls

from .choices import (
    Domain,
    DyadStatus,
    NormalisationKind,
    ProgramStatus,
    Role,
    RuptureKind,
    currency_choices,
    territory_name,
)


class State(models.Model):
    """A sovereign state, keyed by its ISO 3166-1 alpha-2 code (loaded from pycountry)."""

    code = models.CharField(_("ISO alpha-2"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="state_code_alpha2"),
            models.CheckConstraint(condition=Q(alpha3__regex=r"^[A-Z]{3}$"), name="state_alpha3"),
        ]

    def __str__(self) -> str:
        return territory_name(self.code, self.name)


class DyadQuerySet(models.QuerySet):
    def search(self, text: str) -> "DyadQuerySet":
        """Dyads whose states' names, slug or notes contain every word of `text` (see core.search)."""
        return text_search(self, ("state_a__name", "state_b__name", "slug", "notes"), text)


class Dyad(models.Model):
    """An unordered pair of distinct states, stored with state_a's code before state_b's."""

    state_a = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    state_b = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    slug = models.SlugField(max_length=12, unique=True, editable=False)
    status = models.CharField(max_length=12, choices=DyadStatus.choices, default=DyadStatus.ESTRANGED)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = DyadQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(fields=["state_a", "state_b"], name="dyad_unique_pair"),
            models.CheckConstraint(condition=Q(state_a__lt=F("state_b")), name="dyad_canonical_order"),
        ]

    def __str__(self) -> str:
        return f"{self.state_a} – {self.state_b}"

    def get_absolute_url(self) -> str:
        return reverse("dashboards:dyad", kwargs={"slug": self.slug})

    @staticmethod
    def canonical(code_1: str, code_2: str) -> tuple[str, str]:
        """The two codes in stored order."""
        return (code_1, code_2) if code_1 < code_2 else (code_2, code_1)

    @staticmethod
    def slug_for(code_1: str, code_2: str) -> str:
        a, b = Dyad.canonical(code_1, code_2)
        return f"{a}-{b}".lower()

    def clean(self) -> None:
        if self.state_a_id and self.state_a_id == self.state_b_id:
            raise ValidationError({"state_b": _("A dyad needs two different states.")})

    def save(self, *args, **kwargs) -> None:
        if self.state_a_id and self.state_b_id and self.state_a_id > self.state_b_id:
            self.state_a_id, self.state_b_id = self.state_b_id, self.state_a_id
        if self.state_a_id and self.state_b_id:
            self.slug = Dyad.slug_for(self.state_a_id, self.state_b_id)
        super().save(*args, **kwargs)

    def state_ids(self) -> tuple[str, str]:
        return (self.state_a_id, self.state_b_id)

    def side_name(self, side: str) -> str:
        """A side named by its state: "Iran (side A)"."""
        state = self.state_a if side == "a" else self.state_b
        return _("%(state)s (side %(side)s)") % {"state": state, "side": side.upper()}

    def side_of(self, state_code: str) -> str | None:
        """ "a" or "b" for a state of the dyad, None for any other."""
        return {self.state_a_id: "a", self.state_b_id: "b"}.get(state_code)


class DyadEvent(models.Model):
    """A dated event in a dyad's relations, shown as an annotation on its charts."""

    dyad = models.ForeignKey(Dyad, on_delete=models.CASCADE, related_name="%(class)ss")
    date = models.DateField(validators=[validate_domain_date])
    description = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["date"]
        constraints = [models.CheckConstraint(condition=stored_date_bounds("date"), name="%(class)s_date_bounds")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%Y-%m-%d})"  # type: ignore[attr-defined]


class Rupture(DyadEvent):
    """A breach in relations."""

    kind = models.CharField(max_length=24, choices=RuptureKind.choices)


class Normalisation(DyadEvent):
    """A step back towards normal relations."""

    kind = models.CharField(max_length=24, choices=NormalisationKind.choices)


class Ministry(models.Model):
    """A ministry (or agency) of one state; ministry staff belong to one."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="ministries")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name_plural = _("ministries")
        constraints = [models.UniqueConstraint(fields=["state", "name"], name="ministry_unique_per_state")]

    def __str__(self) -> str:
        return f"{self.name} ({self.state_id})"


class EvaluationOrganisation(models.Model):
    """An organisation evaluators work for; `country` is where it is based (none if international)."""

    name = models.CharField(max_length=200, unique=True)
    country = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluation_organisations"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """A user's role in Concord and the organisation it acts for.

    Ministry staff name a ministry, evaluators an evaluation organisation;
    coordinators act for the dyads listed, or for all when `is_global`.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=16, choices=Role.choices)
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, null=True, blank=True, related_name="staff")
    organisation = models.ForeignKey(
        EvaluationOrganisation, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluators"
    )
    coordinated_dyads = models.ManyToManyField(Dyad, blank=True, related_name="coordinators")
    is_global = models.BooleanField(_("global coordinator"), default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.MINISTRY_STAFF) | Q(ministry__isnull=False),
                name="profile_staff_has_ministry",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.EVALUATOR) | Q(organisation__isnull=False),
                name="profile_evaluator_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


def published_program(prefix: str = "") -> Q:
    """The rule that makes a program public, from the program (`""`) or a record of it (`"program__"`)."""
    return Q(**{f"{prefix}is_published": True})


PROGRAM_SEARCH_FIELDS = ("title", "summary", "body_a", "body_b", "dyad__state_a__name", "dyad__state_b__name")


class ProgramQuerySet(models.QuerySet):
    def published(self) -> "ProgramQuerySet":
        """Programs anyone may see: the one definition pages, API, permissions and the index use."""
        return self.filter(published_program())

    def search(self, text: str) -> "ProgramQuerySet":
        """Programs whose title, summary, bodies or states contain every word of `text` (see core.search)."""
        return text_search(self, PROGRAM_SEARCH_FIELDS, text)


class ProgramManager(MultilingualManager, models.Manager.from_queryset(ProgramQuerySet)):  # type: ignore[misc]
    """ProgramQuerySet's methods on a manager django-modeltrans accepts as it is (it would patch any other)."""


class AuthoredRecord(models.Model):
    """Who wrote a record and when: every record ministries keep has it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PublishableRecord(VersionedRecord, AuthoredRecord):
    """What every record ministries keep shares: a publication flag, who wrote it when, and its version."""

    is_published = models.BooleanField(default=False)

    class Meta:
        abstract = True


# A field error in words, before the database's check constraint would refuse the row.
NON_NEGATIVE = MinValueValidator(0, message=_("A contribution cannot be negative; enter 0 or more."))
# A currency stored before it lost its rate (or before only rated ones were offered) is refused on save.
UNRATED_CURRENCY = _(
    "No exchange rate is configured for %(value)s, so the trust index cannot compare it: choose another."
)


class Program(PublishableRecord):
    """A trust-rebuilding program between the two states of a dyad.

    Side A is the dyad's state_a, side B its state_b: each side has an
    implementing body, an owning ministry and a committed contribution.
    """

    dyad = models.ForeignKey(Dyad, on_delete=models.PROTECT, related_name="programs")
    title = models.CharField(max_length=200, validators=[reject_bidi_controls])
    summary = models.TextField(blank=True)
    domain = models.CharField(max_length=12, choices=Domain.choices)
    status = models.CharField(max_length=12, choices=ProgramStatus.choices, default=ProgramStatus.PLANNED)
    body_a = models.CharField(_("implementing body, side A"), max_length=200, validators=[reject_bidi_controls])
    body_b = models.CharField(_("implementing body, side B"), max_length=200, validators=[reject_bidi_controls])
    ministry_a = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owning ministry, side A"),
    )
    ministry_b = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owning ministry, side B"),
    )
    co_owners = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="co_owned_programs",
        help_text=_("Ministries that may edit both sides' implementing details."),
    )
    start_date = models.DateField(validators=[validate_domain_date])
    end_date = models.DateField(null=True, blank=True, validators=[validate_domain_date])
    contribution_a = models.DecimalField(
        _("committed contribution, side A"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[NON_NEGATIVE],
    )
    currency_a = models.CharField(
        _("currency, side A"),
        max_length=3,
        choices=currency_choices,
        default="USD",
        error_messages={"invalid_choice": UNRATED_CURRENCY},
    )
    contribution_b = models.DecimalField(
        _("committed contribution, side B"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[NON_NEGATIVE],
    )
    currency_b = models.CharField(
        _("currency, side B"),
        max_length=3,
        choices=currency_choices,
        default="USD",
        error_messages={"invalid_choice": UNRATED_CURRENCY},
    )
    # Title and summary in English (the reference text every page falls back to) plus any other
    # interface language, as IATI narratives: django-modeltrans keeps them in `i18n` (title_ar, ...).
    language = models.CharField(
        _("original language"),
        max_length=7,
        default=settings.LANGUAGE_CODE,
        validators=[validate_language_code],
        help_text=_("The language the title and summary were first written in."),
    )
    i18n = TranslationField(fields=("title", "summary"), fallback_language_field="language")
    # Co-owners grant edit rights over the other side's details: their changes are history too.
    history = StoredFieldsHistory(excluded_fields=["updated_at"], m2m_fields=["co_owners"])

    # Declared multilingual (django-modeltrans would otherwise swap in a manager class made at run time).
    objects = ProgramManager()
    PUBLISHED = published_program()

    class Meta:
        ordering = ["dyad__slug", "start_date", "title"]
        indexes = [models.Index(fields=["dyad", "is_published"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="program_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(contribution_a__gte=0) & Q(contribution_b__gte=0),
                name="program_contributions_non_negative",
            ),
            models.CheckConstraint(condition=stored_date_bounds("start_date"), name="program_start_date_bounds"),
            models.CheckConstraint(
                condition=stored_date_bounds("end_date", nullable=True), name="program_end_date_bounds"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dashboards:program", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = str(_("The end date must be on or after the start date."))
        if self.dyad_id:
            for side, ministry in (("a", self.ministry_a), ("b", self.ministry_b)):
                expected = getattr(self.dyad, f"state_{side}")
                if ministry is not None and ministry.state_id != expected.pk:
                    errors[f"ministry_{side}"] = _("Choose a ministry of %(side)s.") % {
                        "side": self.dyad.side_name(side)
                    }
        if errors:
            raise ValidationError(errors)

    def covers(self, day) -> bool:
        """Whether `day` falls within the program's dates."""
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)
