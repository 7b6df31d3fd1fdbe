"""Root pytest configuration: shared fixtures live in posko/testing/."""

from posko.accounts.testing import officers_pass_two_factor  # noqa: F401  (autouse fixture)
from posko.testing.cli import posko_data_dir, run_posko  # noqa: F401  (CLI subprocess fixtures)
