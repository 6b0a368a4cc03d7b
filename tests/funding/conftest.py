from tests.demo.conftest import demo, load_demo  # noqa: F401 -- the published cohorts
