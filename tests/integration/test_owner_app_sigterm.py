"""The owner's app stopped by SIGTERM (a shutdown, `kill`) closes its recording segment properly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import av

from shopguard.security.accounts import Accounts
from shopguard.security.passwords import ScryptCost, SecretKind
from shopguard.storage.database import open_database
from tests.conftest import PROJECT_ROOT

CHILD = """
import sys
from shopguard.ui.dialogs.login_dialog import LoginDialog
from shopguard.security.accounts import Accounts
from shopguard.security.passwords import ScryptCost
from shopguard.security.session import set_current_user

def login(cls, context):
    user = Accounts(context.db, cost=ScryptCost(n=2**10)).authenticate("owner", "482916")
    set_current_user(context, user)
    return user

LoginDialog.ask = classmethod(login)
from shopguard.app import run_owner_app
sys.exit(run_owner_app())
"""


def test_sigterm_keeps_the_open_segment(private_data_dir) -> None:
    db = open_database(private_data_dir / "shopguard.sqlite3")
    Accounts(db, cost=ScryptCost(n=2**10)).create_owner("owner", SecretKind.PIN, "482916")
    db.conn.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPGUARD_DATA_DIR": str(private_data_dir)}
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=PROJECT_ROOT, env=env)
    recordings = private_data_dir / "media" / "recordings" / "demo"
    try:
        deadline = time.monotonic() + 60
        while not list(recordings.rglob("*.part")) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert list(recordings.rglob("*.part")), "the demo camera never started recording"
        time.sleep(3)  # a few seconds of footage in the open segment
        child.send_signal(signal.SIGTERM)
        assert child.wait(30) == 0
    finally:
        if child.poll() is None:
            child.kill()
    segments = list(recordings.rglob("*.mp4"))
    assert segments and not list(recordings.rglob("*.part"))
    with av.open(str(segments[0])) as container:
        frames = sum(1 for _ in container.decode(video=0))
    assert frames >= 10
