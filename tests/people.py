"""Users in each Concord role, for workflow and permission tests."""

from programs.choices import Role
from tests.factories import EvaluationOrganisationFactory, MinistryFactory, ProfileFactory, UserFactory, state


def staff(code, ministry_name=None):
    """A ministry-staff user of state `code`."""
    kwargs = {"state": state(code)}
    if ministry_name:
        kwargs["name"] = ministry_name
    return ProfileFactory(role=Role.MINISTRY_STAFF, ministry=MinistryFactory(**kwargs)).user


def evaluator(country="NO"):
    """An evaluator whose organisation is based in `country` (None: international)."""
    org = EvaluationOrganisationFactory(country=state(country) if country else None)
    return ProfileFactory(role=Role.EVALUATOR, ministry=None, organisation=org).user


def coordinator(*dyads, is_global=False):
    """A coordinator of `dyads`, or of all dyads when `is_global`."""
    profile = ProfileFactory(role=Role.COORDINATOR, ministry=None, is_global=is_global)
    profile.coordinated_dyads.add(*dyads)
    return profile.user


def superuser():
    return UserFactory(is_superuser=True, is_staff=True)
