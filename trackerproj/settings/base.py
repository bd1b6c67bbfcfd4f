"""Settings shared by every mode, read from the environment only.

With no environment at all this is the embedded mode of `make demo`: SQLite
in the project folder and Celery tasks run in-process. Setting DATABASE_URL
and REDIS_URL switches to PostgreSQL and a Redis broker with no code change.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from trustindex.inputs import (  # a pure module (no Django): the method's defaults live there
    DEFAULT_WEIGHTS,
    DEFAULT_WEIGHTS_1_2,
    METHOD_VERSION,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Program and milestone texts in several languages (a JSON field `i18n` a model).
    "modeltrans",
    # Concord's apps, bottom layer first (imports flow one way: see .importlinter).
    "core",
    "notifications",
    "programs",
    "milestones",
    "evaluation",
    "results",
    "trustindex",
    "dashboards",
    "workspace",
    "demo",
    "iati",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses over-large bodies and NUL query parameters before anything reads them.
    "core.middleware.RequestLimitsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language: URL prefix (/ar/...), else English; see core/i18n.py for first visits.
    "django.middleware.locale.LocaleMiddleware",
    "core.i18n.PreferredLanguageRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # After the auth middleware: locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every page: our own origin only, no inline script
# (charts read their data from <script type="application/json"> blocks). The API's
# docs pages set their own policy (api/docs.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # plotly's colour bars set empty style attributes (`style=""`): that one value is allowed.
    "style-src-attr": [CSP.UNSAFE_HASHES, "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"],
    # blob: for chart downloads: plotly draws the chart's SVG into a canvas through a blob: image.
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Only a chart's embed view (dashboards/sharing.py) may be framed by other sites.
EMBED_FRAME_ANCESTORS = env.list("EMBED_FRAME_ANCESTORS", default=["*"])

# The licence under which the published data and charts may be reused: named on every
# chart's embed view and on downloaded chart images.
DATA_LICENCE = env.str("DATA_LICENCE", default="CC BY 4.0")
DATA_LICENCE_URL = env.str("DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/")

ROOT_URLCONF = "trackerproj.urls"
WSGI_APPLICATION = "trackerproj.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: without it Celery runs tasks eagerly in-process and the
# cache is per-process memory. CACHE_URL puts the cache on another Redis.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_URL = env.str("CACHE_URL", default="") or REDIS_URL
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    # An outage makes pages uncached, never failed (core/cache.py): short socket
    # timeouts, then the cache is skipped for CACHE_RETRY_AFTER seconds.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "concord",
            "OPTIONS": {
                "socket_timeout": env.float("CACHE_TIMEOUT", default=0.5),
                "socket_connect_timeout": env.float("CACHE_TIMEOUT", default=0.5),
                "RETRY_AFTER": env.float("CACHE_RETRY_AFTER", default=5.0),
            },
        }
    }
elif CACHE_URL:
    CACHES = {"default": env.cache_url("CACHE_URL")}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Redis with a workaround that keeps a worker alive through a broker outage (see trackerproj/broker.py).
CELERY_BROKER_TRANSPORT = "trackerproj.broker:Transport" if REDIS_URL else None
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only after it finished, so a crashed worker's job is
# redelivered; tasks are idempotent for that reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With acks late, a task whose worker died (killed, machine lost) stays in Redis's
# "unacked" set and is handed to another worker once CELERY_VISIBILITY_TIMEOUT
# seconds have passed since it was delivered (checked every 10 s). It must be longer
# than any task runs or waits for its countdown, or a running task is delivered twice
# (harmless: they are idempotent, and a full run's chunk is counted once).
# Socket timeouts keep a paused broker from blocking a worker or a save for ever.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "socket_timeout": env.float("BROKER_TIMEOUT", default=2.0),
    "socket_connect_timeout": env.float("BROKER_TIMEOUT", default=2.0),
}
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("BROKER_TIMEOUT", default=2.0)
# A worker keeps trying to reach a lost broker (every 2 s, growing to 30 s) and never gives up.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Nightly incremental run of the trust index (trustindex/tasks.py): "today" (and a
    # new month end) for every dyad, the whole history only where inputs changed.
    "update-trust-indices-nightly": {
        "task": "trustindex.tasks.update_all_indices",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 60 * 60 * 12},
    },
    # Queue the recomputations the database's outbox still holds (a save whose
    # task never reached the broker) and settle full runs that stopped progressing.
    "sweep-trust-index-outbox": {
        "task": "trustindex.tasks.sweep_recompute_requests",
        "schedule": env.float("TRUST_INDEX_SWEEP_SECONDS", default=60.0),
        "options": {"expires": 50},
    },
    # Morning reminders to ministries about milestones due soon or overdue.
    "milestone-reminders": {
        "task": "milestones.tasks.send_milestone_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule on passwords: its hook revokes API tokens after a password change or reset.
    {"NAME": "api.auth.RevokeCredentialsOnPasswordChange"},
]
# Named URLs, so a redirect stays in the language of the page it came from.
LOGIN_URL = "login"
# Staff land on their to-do list (the workspace home), not the public overview.
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "dashboards:overview"
# django-axes: its backend comes first so a locked-out login never reaches the password check.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Client addresses: NUM_PROXIES reverse proxies in front of the site append to
# X-Forwarded-For. With 0 (no proxy) the header is ignored, so a client cannot pick
# a new address per request. The API's throttles and axes read it the same way.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"

# The admin's "revert to this version" would write an old row over both sides' later changes
# (and its version): records change through edits, which are checked (core.versioning).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Interface languages: English, the other UN languages and Persian. Adding one: add it
# here, run `make messages` and translate locale/<code>/LC_MESSAGES/django.po (README).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("fa", _("Persian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates in the British order ("26 Nov 2026"): see core/formats/en/formats.py.
FORMAT_MODULE_PATH = ["core.formats"]
# django-modeltrans: the model fields (title, summary) hold English; other languages go in `i18n`.
MODELTRANS_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANS_AVAILABLE_LANGUAGES = [code for code, _name in LANGUAGES]
MODELTRANS_ADD_FIELD_HELP_TEXT = False
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# plotly.js: the bundle `make assets` builds into static/, else the full one from the plotly package
# (dashboards/staticfinders.py, with a check warning).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "dashboards.staticfinders.PlotlyFallbackFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# WhiteNoise serves the collected, compressed files (collectstatic writes .gz beside each), also in
# the demo (`runserver --nostatic`), never the uncompressed sources the finders would find first.
WHITENOISE_USE_FINDERS = False
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Evidence and report uploads: size cap in bytes, and allowed types.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_ALLOWED_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "docx", "xlsx", "csv", "txt"]
# The first handler stops reading a file part as soon as it passes UPLOAD_MAX_BYTES.
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The site's public address, for links in mails and in the IATI export when no request gives it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# IATI activity XML 2.03 export (iati/): the publishing organisation. Set IATI_REPORTING_ORG_REF to your
# registered IATI organisation identifier; every activity identifier starts with it.
IATI = {
    "REPORTING_ORG_REF": env.str("IATI_REPORTING_ORG_REF", default="XX-CONCORD"),
    "REPORTING_ORG_NAME": env.str("IATI_REPORTING_ORG_NAME", default="Concord"),
    # IATI OrganisationType code: 90 = Other.
    "REPORTING_ORG_TYPE": env.str("IATI_REPORTING_ORG_TYPE", default="90"),
    # The largest IATI file the importer reads.
    "IMPORT_MAX_BYTES": env.int("IATI_IMPORT_MAX_BYTES", default=5 * 1024 * 1024),
}

# Django 6.1 mailers; the console backend prints mail unless EMAIL_BACKEND says otherwise.
MAILERS = {"default": {"BACKEND": env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="concord@localhost")

# REST API v1 (api/urls.py): tokens for clients, sessions for the browser,
# anonymous read of published data, one JSON error shape, and throttles per
# anonymous IP and per user (rates from the environment).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "core.api.renderers.BrowsableAPIRenderer"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous write gets 401 with `WWW-Authenticate: Token`.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "core.api.base.StandardPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/minute"),
        "user": env.str("API_THROTTLE_USER", default="1200/minute"),
        "token": env.str("API_THROTTLE_TOKEN", default="10/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Concord API",
    "DESCRIPTION": "Trust-rebuilding programs between estranged states and their bilateral trust index.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RatingEnum": "evaluation.models.Rating",
        "CurrencyEnum": "programs.choices.currency_choices",
        "DyadStatusEnum": "programs.choices.DyadStatus",
        "ProgramStatusEnum": "programs.choices.ProgramStatus",
        "MilestoneStatusEnum": "milestones.models.MilestoneStatus",
        "MilestoneUpdateStatusEnum": "milestones.serializers.DIRECT_STATUS_CHOICES",
        "ProposalStatusEnum": "milestones.models.ProposalStatus",
        "ResultTypeEnum": "results.models.ResultType",
        "IndicatorKindEnum": "results.models.IndicatorKind",
        "ActualStatusEnum": "results.models.ActualStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}

# The trust index (see docs/trust-index.md, trustindex/method.py and the method page).
# Weights must cover the six components and sum to 1; every snapshot records
# the weights, aggregation and method version it was computed with.
TRUST_INDEX = {
    # The method in force: "1.1" (six components) or "1.2" (adds indicator attainment, weighted
    # by WEIGHTS_1_2: seven components summing to 1). After switching, run
    # `manage.py recompute_indices` (or wait for the nightly run): revisions say "method 1.1 → 1.2".
    "METHOD_VERSION": env.str("TRUST_INDEX_METHOD_VERSION", default=METHOD_VERSION),
    "WEIGHTS": env.json("TRUST_INDEX_WEIGHTS", default=DEFAULT_WEIGHTS),
    "WEIGHTS_1_2": env.json("TRUST_INDEX_WEIGHTS_1_2", default=DEFAULT_WEIGHTS_1_2),
    "AGGREGATION": env.str("TRUST_INDEX_AGGREGATION", default="arithmetic"),
    # A dyad's recomputation waits this long after the first edit so a burst of
    # edits is indexed once (trustindex/triggers.py).
    "DEBOUNCE_SECONDS": env.float("TRUST_INDEX_DEBOUNCE_SECONDS", default=1.0),
    # A queued full run with no chunk finished for this long is resumed once (its missing
    # chunks queued again), then marked failed (trustindex/runs.py). Longer than the
    # broker's visibility timeout, which hands a dead worker's chunks to another first.
    "RUN_STALL_SECONDS": env.float("TRUST_INDEX_RUN_STALL_SECONDS", default=900.0),
    # Contributions are compared in one currency: units of BASE_CURRENCY per
    # unit of each currency. Illustrative fixed rates; set your own.
    "BASE_CURRENCY": "USD",
    "FX_RATES": env.json(
        "TRUST_INDEX_FX_RATES",
        default={
            "USD": 1.0,
            "EUR": 1.08,
            "GBP": 1.27,
            "JPY": 0.0067,
            "KRW": 0.00073,
            "SAR": 0.267,
            "IRR": 0.0000238,
            "QAR": 0.275,
            "COP": 0.00025,
            "VES": 0.027,
            "ETB": 0.0078,
            "ERN": 0.0667,
            "TRY": 0.029,
            "AMD": 0.0026,
        },
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
