"""A real OpenID Connect provider for the single sign-on tests: django-oauth-toolkit's
OIDC server in a small Django project of its own (its own SQLite database and RSA key),
run by ``fixture.oidc_provider`` as a separate process on a free port.

Besides the well-behaved client ``attune`` it has clients that misbehave on purpose, so
the refusals are tested against tokens a real provider signed (validators.py)."""
