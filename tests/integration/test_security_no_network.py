"""Nothing leaves the PC: the app's main flows run with every non-local socket refused, and no module
imports a network library (RTSP cameras are reached by OpenCV/FFmpeg, not by Python code)."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import cv2
import pytest

from shopguard.cli import main
from tests.conftest import DEMO_CLIP, PROJECT_ROOT
from tests.integration.security_app_run import frames_shown, run_app_until

# Modules that could talk to the network from Python; a module listed in ALLOWED may import one
# for the reason given (none today: RTSP goes through OpenCV/FFmpeg, no MQTT broker is configured).
NETWORK_MODULES = (
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "telnetlib",
    "xmlrpc",
    "websocket",
    "websockets",
    "paho",
    "huggingface_hub",
    "PySide6.QtNetwork",
    "PySide6.QtWebSockets",
    "PySide6.QtWebEngineCore",
)
ALLOWED: dict[str, set[str]] = {}


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse every socket except AF_UNIX (Qt/X11 and multiprocessing use those); record attempts so a
    swallowed failure still fails the test."""
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002, ANN001
            fam = socket.AF_INET if family == -1 else family
            if fileno is None and fam != socket.AF_UNIX:
                attempts.append(f"socket({fam!r})")
                raise NetworkAttempt(f"network socket refused: family {fam!r}")
            super().__init__(family, type, proto, fileno)

        def connect(self, address):  # noqa: ANN001
            if self.family != socket.AF_UNIX:
                attempts.append(f"connect({address!r})")
                raise NetworkAttempt(f"connect refused: {address!r}")
            return super().connect(address)

    def refuse(name: str):
        def _refused(*args, **kwargs):  # noqa: ANN002, ANN003
            attempts.append(f"{name}{args!r}")
            raise NetworkAttempt(f"{name} refused")

        return _refused

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def short_clip(path: Path, frames: int = 40) -> Path:
    source = cv2.VideoCapture(str(DEMO_CLIP))
    source.set(cv2.CAP_PROP_POS_FRAMES, 790)  # 79 s in: a person walks through
    writer = None
    for _ in range(frames):
        ok, image = source.read()
        if not ok:
            break
        if writer is None:
            height, width = image.shape[:2]
            writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (width, height))
        writer.write(image)
    source.release()
    assert writer is not None
    writer.release()
    return path


def test_the_guard_itself_refuses_network_sockets(no_network) -> None:
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("192.0.2.1", 80))
    local = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    local.close()
    assert len(no_network) == 2


def test_main_flows_open_no_network_socket(no_network, monkeypatch, tmp_path, capsys) -> None:
    # 1. the owner's window with the demo camera, until every camera tile has shown video
    run = run_app_until(monkeypatch, frames_shown, screenshot=tmp_path / "owner.png")
    assert run.reached, f"the owner's window showed no video (messages: {run.messages})"
    assert run.code == 0 and run.screenshot.stat().st_size > 20_000
    # 2. analyse a short clip
    clip = short_clip(tmp_path / "short.avi")
    assert main(["analyze", str(clip), "--json", "--no-pose"]) == 0
    assert '"frames": 40' in capsys.readouterr().out
    # 3. render a screen
    out = tmp_path / "ledger.png"
    assert main(["screenshot", "audit", "--out", str(out)]) == 0 and out.stat().st_size > 10_000
    # 4. accounts and the ledger (the app's first start made the owner; the owner adds staff)
    monkeypatch.setattr("sys.stdin", _Lines(["482916", "739154"]))
    assert main(["user", "add", "점원", "--role", "staff", "--as", "사장님"]) == 0
    assert main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    assert no_network == []


class _Lines:
    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        return self.lines.pop(0) + "\n" if self.lines else ""


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.append((node.args[0].value, node.lineno))
    return found


def test_no_module_imports_a_network_library() -> None:
    offenders = []
    for path in sorted((PROJECT_ROOT / "shopguard").rglob("*.py")):
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        for name, line in _imports(ast.parse(path.read_text(encoding="utf-8"), rel)):
            bad = next((m for m in NETWORK_MODULES if name == m or name.startswith(m + ".")), None)
            if bad and bad not in ALLOWED.get(rel, set()):
                offenders.append(f"{rel}:{line} imports {name}")
    assert offenders == []


def test_the_import_check_would_catch_one() -> None:
    tree = ast.parse("import socket\nfrom urllib.request import urlopen\nimportlib.import_module('requests')")
    names = [n for n, _ in _imports(tree)]
    assert "socket" in names and "urllib.request" in names and "requests" in names
