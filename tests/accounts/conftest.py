from tests.accounts.sso_fixtures import (  # noqa: F401 (fixtures)
    alice,
    configure,
    north,
    north_hr,
    oidc_provider,
    sign_in,
    south,
)
