"""The schedule: planning with the engine, running the matchmaking, publishing, edits by
hand, the published calendar, reports and exports."""
