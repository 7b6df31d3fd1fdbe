"""Posko Pilkada: election-integrity command post."""
