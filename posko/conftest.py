"""Root pytest configuration: shared fixtures live in posko/testing/."""
