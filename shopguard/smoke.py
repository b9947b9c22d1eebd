"""`shopguard --smoke-test`: every model loads and checks out, one frame runs, a temp DB migrates,
a screen renders offscreen. Used from a source checkout and from the installed bundle."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

from shopguard.vision.model_files import open_session, verify_all


def run_smoke_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    specs = verify_all()
    for spec in specs:
        open_session(spec, threads=1)
    print(f"models ok: {', '.join(s.path.name for s in specs)}")

    from shopguard.vision.factory import build_pipeline, load_models

    pipeline = build_pipeline(load_models())
    result = pipeline.process(np.zeros((480, 640, 3), np.uint8), 0.0)
    print(f"pipeline ok: {result.timings.total_ms:.1f} ms for one frame")

    from shopguard.storage.database import open_database, schema_version

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "smoke.sqlite3")
        print(f"database ok: schema version {schema_version(db)}")
        db.conn.close()

        from shopguard.ui.screenshot import render_to_png

        png = render_to_png("main", Path(tmp) / "main.png")
        print(f"screen ok: {png.stat().st_size} bytes")
    print("smoke test passed")
    return 0
