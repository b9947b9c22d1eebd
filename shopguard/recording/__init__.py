"""On-premises recording without Qt: H.264 segments, event clips, retention, evidence locks."""
