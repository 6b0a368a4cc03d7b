from tests.funding.conftest import world  # noqa: F401 -- a started partnership with trainees
