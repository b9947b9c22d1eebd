"""The shop's pass-signing key: 32 random bytes created at first start in the data dir (mode 0600).

HMAC-SHA256 rather than Ed25519: the same PC issues and checks passes, so a public key buys nothing,
while a 16-byte tag instead of a 64-byte signature keeps the QR at version 3 (29×29 modules) — bigger
modules that a door camera still reads from further away and through more blur.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from shopguard.errors import ShopGuardError

KEY_BYTES = 32
KEY_ID_BYTES = 4
KEY_DIR = "keys"
KEY_FILE = "pass-hmac.key"


class AccessError(ShopGuardError):
    """A pass, the shop key or the door hardware cannot be used."""


@dataclass(frozen=True)
class ShopKey:
    secret: bytes = b""

    @property
    def key_id(self) -> bytes:
        """Names the key inside every pass, so another shop's pass is told apart from a forgery."""
        return hmac.new(self.secret, b"shopguard pass key id", hashlib.sha256).digest()[:KEY_ID_BYTES]

    def tag(self, message: bytes, length: int) -> bytes:
        return hmac.new(self.secret, message, hashlib.sha256).digest()[:length]

    def __repr__(self) -> str:  # never print the secret
        return f"ShopKey(id={self.key_id.hex()})"

    @classmethod
    def generate(cls) -> ShopKey:
        return cls(secrets.token_bytes(KEY_BYTES))


def key_path(root: Path) -> Path:
    return root / KEY_DIR / KEY_FILE


def load_or_create_key(root: Path) -> ShopKey:
    """The shop key in `root`/keys; created once. A damaged key file is an error, never replaced:
    a new key would silently invalidate every pass already handed out."""
    path = key_path(root)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(path.parent, 0o700)
        secret = secrets.token_bytes(KEY_BYTES)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:  # another process created it a moment ago
            return load_or_create_key(root)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret)
            handle.flush()
            os.fsync(handle.fileno())
    if sys.platform != "win32" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # somebody loosened it; only the shop's account may read the key
    try:
        secret = path.read_bytes()
    except OSError as exc:
        raise AccessError(
            f"패스 서명 키를 읽을 수 없습니다: {path}", f"cannot read the pass key {path}: {exc.strerror}"
        ) from None
    if len(secret) != KEY_BYTES:
        raise AccessError(
            f"패스 서명 키 파일이 손상되었습니다: {path}. 백업에서 복원하세요.",
            f"the pass key file is damaged: {path}; restore it from a backup",
        )
    return ShopKey(secret)
