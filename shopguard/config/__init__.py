"""Settings as pydantic models (one file per concern), loaded from and saved to config.json."""
