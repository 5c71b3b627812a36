"""Stand-ins for chat platforms' HTTP APIs, for tests, benchmarks and the demo."""
