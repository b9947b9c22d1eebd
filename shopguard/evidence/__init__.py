"""Police package: clip, stills, Korean PDF report, signed manifest, redacted copy."""
