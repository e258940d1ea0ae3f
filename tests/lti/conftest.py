from tests.lti.lti_fixtures import (  # noqa: F401 (fixtures)
    alice,
    launch,
    lti_platform,
    north,
    north_hr,
    registered,
    south,
    test_platform,
)
