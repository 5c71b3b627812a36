"""Importable test helpers (conftest files hold only fixtures)."""
