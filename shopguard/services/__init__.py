"""QtCore-only services: camera workers and the bridges that turn core results into signals."""
