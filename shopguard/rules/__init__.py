"""Anomaly rules without Qt: pure functions of tracks, zones, schedules and time."""
