"""The site's settings with the test plug-in app installed (for a fresh process: URLs and the API
are wired once, at start-up)."""

from watchkeeper.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin"]  # noqa: F405
