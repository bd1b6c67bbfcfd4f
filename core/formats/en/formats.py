"""English pages write dates the British way ("26 Nov 2026"), as the site did before it had
languages (its language was en-gb); the interface language itself is plain "en"."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
