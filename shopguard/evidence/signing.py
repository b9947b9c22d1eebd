"""The shop's evidence-signing key: Ed25519, created at first use in the data dir (mode 0600).

Separate from the pass key (access/keys.py is HMAC, which a receiver could not check without the
secret): an export carries the public key, so anyone can check the manifest with stock tools."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from shopguard.errors import ShopGuardError

KEY_DIR = "keys"
KEY_FILE = "evidence-ed25519.pem"


class SigningKeyError(ShopGuardError):
    """The shop's evidence-signing key cannot be read or is damaged."""


@dataclass(frozen=True)
class ShopSigningKey:
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def public_pem(self) -> bytes:
        return public_pem(self.public)

    def fingerprint(self) -> str:
        return fingerprint(self.public)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def __repr__(self) -> str:  # never print the secret
        return f"ShopSigningKey({self.fingerprint()[:16]})"


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def fingerprint(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, hex; printed in the report to compare by phone."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def load_public_pem(data: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise SigningKeyError(
            "공개키 파일을 읽을 수 없습니다", "the public key file is not a PEM key"
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError("공개키가 Ed25519 키가 아닙니다", "the public key is not an Ed25519 key")
    return key


def verify_signature(key: Ed25519PublicKey, message: bytes, signature: bytes) -> bool:
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def key_path(root: Path) -> Path:
    return root / KEY_DIR / KEY_FILE


def load_or_create_signing_key(root: Path) -> ShopSigningKey:
    """The key in `root`/keys, created once. A damaged file is an error, never silently replaced:
    a new key would make earlier exports look as if another shop had signed them."""
    path = key_path(root)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(path.parent, 0o700)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:  # another process made it a moment ago
            return load_or_create_signing_key(root)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
    if sys.platform != "win32" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(
            f"증거 서명 키를 읽을 수 없습니다: {path}", f"cannot read the evidence key {path}: {exc.strerror}"
        ) from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(
            f"증거 서명 키 파일이 손상되었습니다: {path}. 백업에서 복원하세요.",
            f"the evidence key file is damaged: {path}; restore it from a backup",
        )
    return ShopSigningKey(key)
