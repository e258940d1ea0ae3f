"""Settings for the fault tests' worker processes.

The test settings pin the in-memory email backend, which a separate worker process
cannot share with the test; here the backend comes from the environment, so the
reminder test can point the worker at an SMTP server it runs on loopback.
"""

from lms.settings.base import env
from lms.settings.test import *  # noqa: F403

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
