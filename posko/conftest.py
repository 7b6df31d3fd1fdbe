"""Root pytest configuration: shared fixtures live in posko/testing/."""

from posko.accounts.testing import officers_pass_two_factor  # noqa: E402,F401  (autouse fixture)
