"""Tests of the scorer, `caveat evaluate`, `caveat leaderboard` and scripts/evaluate.py."""
