"""The admin of accounts' own settings (identity providers). People's accounts are
edited in ``hr/admin.py``, through hr's one writer of people's records."""

from .sso import admin as sso_admin  # noqa: F401 (registers the provider admin)
