"""Frozen dataclasses and enums shared by every layer."""
