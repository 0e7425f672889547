"""The demo tests start from the imported sample folder, as the explorers' tests do."""

from tests.explorers.conftest import demo, demo_folder  # noqa: F401
