"""Fakes shared by tests: frame sources, detectors, clocks, door controllers."""
