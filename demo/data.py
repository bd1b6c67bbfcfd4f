"""Illustrative demo data, built around real historical ruptures and thaws.

The events (ruptures, normalisations) are real and dated; the programs,
milestones and evaluations are invented for illustration.
"""

from datetime import date

from programs.choices import Domain, DyadStatus, NormalisationKind, RuptureKind

DEMO_PASSWORD = "concord-demo"

# Each organisation's demo evaluator files that organisation's evaluations (name, country, username).
EVALUATION_ORGANISATIONS = [
    ("Nordic Institute for Programme Evaluation", "NO", "evaluator"),
    ("Geneva Centre for Independent Assessment", "CH", "evaluator-geneva"),
    ("International Evaluation Network", None, "evaluator-network"),
]

# slug-independent definition of each dyad: the two states, status, events
# and the programs' themes (domain, title, side A body, side B body).
DYADS = [
    {
        "states": ("SA", "IR"),
        "status": DyadStatus.THAWING,
        "ruptures": [
            (
                date(2016, 1, 3),
                RuptureKind.SEVERED_RELATIONS,
                "Riyadh severs diplomatic relations after attacks on its missions in Iran.",
            )
        ],
        "normalisations": [
            (
                date(2023, 3, 10),
                NormalisationKind.RELATIONS_RESTORED,
                "Agreement brokered in Beijing to restore relations.",
            ),
            (date(2023, 9, 5), NormalisationKind.AMBASSADORS_RETURNED, "Ambassadors take up their posts."),
        ],
        "programs": [
            (Domain.CULTURAL, "Hajj and pilgrimage facilitation dialogue", 2023),
            (Domain.ECONOMIC, "Joint chamber of commerce working group", 2023),
            (Domain.SCIENTIFIC, "Gulf marine environment research exchange", 2024),
            (Domain.HEALTH, "Cross-border public health surveillance", 2024),
        ],
    },
    {
        "states": ("QA", "SA"),
        "status": DyadStatus.NORMALISED,
        "ruptures": [
            (date(2017, 6, 5), RuptureKind.SEVERED_RELATIONS, "Saudi Arabia and allies cut ties with Qatar."),
            (date(2017, 6, 5), RuptureKind.BORDER_CLOSURE, "The Salwa land border is closed."),
        ],
        "normalisations": [
            (date(2021, 1, 5), NormalisationKind.RELATIONS_RESTORED, "Al-Ula declaration ends the blockade."),
            (date(2021, 1, 9), NormalisationKind.BORDER_REOPENED, "Salwa border crossing reopens."),
        ],
        "programs": [
            (Domain.ECONOMIC, "Salwa crossing trade facilitation", 2021),
            (Domain.CULTURAL, "Football fan exchange around the 2022 World Cup", 2021),
            (Domain.DIGITAL, "Customs data interchange pilot", 2022),
        ],
    },
    {
        "states": ("CO", "VE"),
        "status": DyadStatus.THAWING,
        "ruptures": [
            (
                date(2019, 2, 23),
                RuptureKind.SEVERED_RELATIONS,
                "Caracas breaks relations after the aid convoy stand-off.",
            )
        ],
        "normalisations": [
            (date(2022, 8, 28), NormalisationKind.RELATIONS_RESTORED, "Relations restored."),
            (date(2022, 9, 26), NormalisationKind.BORDER_REOPENED, "Border reopens to cargo traffic."),
        ],
        "programs": [
            (Domain.ECONOMIC, "Cúcuta–San Antonio border trade corridor", 2022),
            (Domain.HEALTH, "Binational vaccination campaign for migrants", 2022),
            (Domain.CULTURAL, "Llanero music and heritage festival", 2023),
            (Domain.DIGITAL, "Consular records digitisation", 2023),
        ],
    },
    {
        "states": ("ET", "ER"),
        "status": DyadStatus.THAWING,
        "ruptures": [(date(1998, 5, 6), RuptureKind.OTHER, "Border war begins over Badme.")],
        "normalisations": [
            (date(2018, 7, 9), NormalisationKind.PEACE_AGREEMENT, "Asmara joint declaration of peace."),
            (date(2018, 9, 11), NormalisationKind.BORDER_REOPENED, "Zalambessa and Bure crossings reopen."),
        ],
        "programs": [
            (Domain.ECONOMIC, "Assab port access feasibility", 2019),
            (Domain.CULTURAL, "Family reunification and telephone links", 2018),
            (Domain.HEALTH, "Border-area maternal health clinics", 2020),
        ],
    },
    {
        "states": ("JP", "KR"),
        "status": DyadStatus.NORMALISED,
        "ruptures": [(date(2019, 7, 4), RuptureKind.TRADE_EMBARGO, "Export controls on semiconductor materials.")],
        "normalisations": [
            (date(2023, 3, 16), NormalisationKind.RELATIONS_RESTORED, "Tokyo summit resumes shuttle diplomacy."),
            (date(2023, 6, 27), NormalisationKind.SANCTIONS_LIFTED, "Trade white-list status restored."),
        ],
        "programs": [
            (Domain.SCIENTIFIC, "Semiconductor supply-chain research dialogue", 2023),
            (Domain.CULTURAL, "Youth exchange and school twinning", 2023),
            (Domain.DIGITAL, "Joint cyber-incident response exercises", 2024),
            (Domain.HEALTH, "Ageing-society health policy partnership", 2023),
        ],
    },
    {
        "states": ("TR", "AM"),
        "status": DyadStatus.ESTRANGED,
        "ruptures": [(date(1993, 4, 3), RuptureKind.BORDER_CLOSURE, "Turkey closes the land border.")],
        "normalisations": [
            (date(2022, 1, 14), NormalisationKind.OTHER, "Special envoys hold first normalisation talks."),
        ],
        "programs": [
            (Domain.CULTURAL, "Ani heritage site joint restoration study", 2022),
            (Domain.ECONOMIC, "Direct cargo flights pilot", 2023),
        ],
    },
]

CURRENCIES = {"JP": "JPY", "KR": "KRW"}

# Some programs in more than one language, as their ministries would enter them: by English title,
# the language first written in and the other languages' texts (see README, "Content in several languages").
TRANSLATIONS = {
    "Hajj and pilgrimage facilitation dialogue": {
        "language": "en",
        "i18n": {
            "title_ar": "حوار تيسير الحج والزيارة",
            "summary_ar": "برنامج ثقافي توضيحي بين إيران والمملكة العربية السعودية لتيسير سفر الحجاج.",
            "title_fa": "گفت‌وگوی تسهیل حج و زیارت",
            "summary_fa": "برنامهٔ فرهنگی نمونه میان ایران و عربستان سعودی برای تسهیل سفر زائران.",
        },
    },
    "Gulf marine environment research exchange": {
        "language": "fa",
        "i18n": {
            "title_fa": "تبادل پژوهشی محیط زیست دریایی خلیج",
            "summary_fa": "برنامهٔ علمی نمونه: پژوهشگران دو کشور دادهٔ کیفیت آب و مرجان‌ها را به اشتراک می‌گذارند.",
        },
    },
    "Llanero music and heritage festival": {
        "language": "es",
        "i18n": {
            "title_es": "Festival de música y patrimonio llanero",
            "summary_es": "Programa cultural ilustrativo entre Colombia y Venezuela en torno a la música llanera.",
            "title_fr": "Festival de musique et de patrimoine des Llanos",
        },
    },
}

# Each program's results framework, by domain: (result type, result title, indicators), each indicator
# (title, unit or None when qualitative, higher is better, cumulative, baseline, yearly target step,
# breakdown dimensions). "Side" is broken down into the dyad's two states.
RESULTS: dict[str, list[tuple]] = {
    Domain.CULTURAL: [
        (
            "output",
            "Young people and artists meet across the divide",
            [
                ("Participants in joint exchanges and events", "participants", True, False, 0, 250, ("Side", "Gender")),
            ],
        ),
        (
            "outcome",
            "Perceptions of the other country improve",
            [
                ("Participants who would recommend a visit to the other country", "%", True, False, 35, 12, ()),
            ],
        ),
    ],
    Domain.SCIENTIFIC: [
        (
            "output",
            "Researchers work together",
            [
                ("Joint research papers submitted", "papers", True, True, 0, 8, ("Side",)),
            ],
        ),
        (
            "outcome",
            "A lasting research partnership",
            [
                ("Standing joint research agreement in force", None, True, False, None, None, ()),
            ],
        ),
    ],
    Domain.ECONOMIC: [
        (
            "output",
            "Traders cross with less friction",
            [
                ("Average border clearance time for cargo", "hours", False, False, 48, -8, ()),
            ],
        ),
        (
            "outcome",
            "Bilateral trade grows",
            [
                ("Registered bilateral trade", "USD million", True, False, 40, 25, ("Side",)),
            ],
        ),
    ],
    Domain.HEALTH: [
        (
            "output",
            "People reached by joint health services",
            [
                ("People screened or vaccinated", "people", True, False, 0, 4000, ("Side", "Gender")),
            ],
        ),
        (
            "outcome",
            "Health information flows both ways",
            [
                ("Outbreak alerts shared within 48 hours", "%", True, False, 20, 20, ()),
            ],
        ),
    ],
    Domain.DIGITAL: [
        (
            "output",
            "Records and systems connected",
            [
                ("Records exchanged through the joint system", "records", True, True, 0, 20000, ("Side",)),
            ],
        ),
        (
            "impact",
            "Citizens get services across the border",
            [
                ("Cross-border services users rate satisfactory", "%", True, False, 30, 15, ()),
            ],
        ),
    ],
}
GENDERS = ("female", "male")
