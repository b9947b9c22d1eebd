"""Computer vision without Qt: frame sources, motion, detection, pose, tracking, the pipeline."""
