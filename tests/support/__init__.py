"""Helpers shared by test modules: import from here, never from another test module."""
