"""The scheduler: APScheduler setup, its jobs, and the working-day calendar."""
