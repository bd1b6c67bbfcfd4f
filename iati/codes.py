"""Concord's vocabularies and the IATI 2.03 codelists they map to, both ways (export and import).

Sector: each of the five domains maps to one OECD DAC CRS 5-digit purpose
code (IATI SectorVocabulary 1):

| domain | DAC code | DAC name |
|---|---|---|
| cultural | 16061 | Culture and recreation |
| scientific | 43082 | Research/scientific institutions |
| economic | 33110 | Trade policy and administrative management |
| health | 12110 | Health policy and administrative management |
| digital | 22040 | Information and communication technology (ICT) |

On import, any other code of the same DAC 3-digit category (e.g. 12250 →
health) maps to that domain too.
"""

from programs.choices import Domain, ProgramStatus
from results.models import ResultType

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

DAC_SECTOR_VOCABULARY = "1"
DOMAIN_SECTORS: dict[str, str] = {
    Domain.CULTURAL: "16061",
    Domain.SCIENTIFIC: "43082",
    Domain.ECONOMIC: "33110",
    Domain.HEALTH: "12110",
    Domain.DIGITAL: "22040",
}
SECTOR_CATEGORY_DOMAINS: dict[str, str] = {code[:3]: domain for domain, code in DOMAIN_SECTORS.items()}

# ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended.
PROGRAM_STATUS: dict[str, str] = {
    ProgramStatus.PLANNED: "1",
    ProgramStatus.ACTIVE: "2",
    ProgramStatus.COMPLETED: "3",
    ProgramStatus.CANCELLED: "5",
    ProgramStatus.SUSPENDED: "6",
}
ACTIVITY_STATUS: dict[str, str] = {code: status for status, code in PROGRAM_STATUS.items()} | {
    "4": ProgramStatus.COMPLETED
}

# ActivityDateType
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"

# OrganisationRole: 1 funding, 4 implementing. OrganisationType 10: government.
ROLE_FUNDING, ROLE_IMPLEMENTING = "1", "4"
GOVERNMENT = "10"

# BudgetType 1 original; BudgetStatus 2 committed (the sides' committed contributions).
BUDGET_ORIGINAL, BUDGET_COMMITTED = "1", "2"
# CollaborationType 1: bilateral.
BILATERAL = "1"

RESULT_TYPES: dict[str, str] = {ResultType.OUTPUT: "1", ResultType.OUTCOME: "2", ResultType.IMPACT: "3"}
IATI_RESULT_TYPES: dict[str, str] = {code: kind for kind, code in RESULT_TYPES.items()}

# IndicatorMeasure: 1 unit, 2 percentage, 5 qualitative (3 nominal and 4 ordinal are read as units).
MEASURE_UNIT, MEASURE_PERCENTAGE, MEASURE_QUALITATIVE = "1", "2", "5"

# DocumentCategory: A07 review of project performance and evaluation; A08 results, outcomes and outputs.
EVALUATION_REPORT, RESULTS_EVIDENCE = "A07", "A08"


def domain_for_sector(code: str) -> str | None:
    """The domain of a DAC 5-digit (or 3-digit category) code, None when it is none of the five."""
    for domain, sector in DOMAIN_SECTORS.items():
        if code == sector:
            return domain
    return SECTOR_CATEGORY_DOMAINS.get(code[:3])
