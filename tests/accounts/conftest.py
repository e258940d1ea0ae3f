from tests.accounts.sso_fixtures import (  # noqa: F401 (fixtures)
    alice,
    configure,
    north,
    north_hr,
    sign_in,
    south,
)
