"""Persistence: typed models, engine and sessions, migrations."""
