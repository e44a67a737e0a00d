"""Pytest fixtures for real infrastructure (registered as a pytest plugin)."""
