"""Shared test configuration: the harness fixtures live in tests/harness."""

pytest_plugins = ["tests.harness.fixtures", "tests.harness.fixtures_bot"]
