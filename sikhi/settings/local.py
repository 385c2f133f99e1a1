"""Local site (`make run`): console e-mail, embedded defaults unless the environment says otherwise.

DEBUG is off by default, so that `make run` shows what users see: SIKHI's own error pages (400/403/404/405/500 in
the layout and the user's language), not Django's technical pages. `DJANGO_DEBUG=1 make run` turns them back on
for a developer who wants the traceback in the browser."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# A local demonstration site: `seed_demo` may create its published demo logins here whatever DEBUG says. Never set
# in production settings.
SIKHI_DEMO_SITE = True

# daphne serves static files through WhiteNoise straight from the app directories in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
