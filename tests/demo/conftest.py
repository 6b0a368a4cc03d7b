"""The demonstration data's own tests. ``demo`` (the published cohorts and the round, loaded
once for the module: tests/conftest.py) serves most; ``load_demo`` runs the command again, on
top of it or, in test_load_demo_fresh.py, on an empty database."""
