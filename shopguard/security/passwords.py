"""PINs and passwords: rules for choosing one, scrypt hashing (standard library), constant-time checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from enum import StrEnum

from shopguard.errors import ShopGuardError

PIN_PATTERN = re.compile(r"^[0-9]{6}$")
PASSWORD_MIN_CHARS = 8
PASSWORD_MAX_CHARS = 128
SALT_BYTES = 16
KEY_BYTES = 32
SCHEME = "scrypt"


class SecretKind(StrEnum):
    PIN = "pin"  # exactly 6 digits: quick at the shop PC, protected by the lockout
    PASSWORD = "password"


@dataclass(frozen=True)
class ScryptCost:
    """scrypt work factors; the default follows OWASP's minimum (N=2^17, r=8, p=1: 128 MiB, ~0.5 s)."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        return 128 * self.r * self.n * self.p + 32 * 1024 * 1024


DEFAULT_COST = ScryptCost()


class WeakSecretError(ShopGuardError):
    """A PIN or password that does not meet the rules."""


def check_new_secret(kind: SecretKind, secret: str) -> None:
    """Raise WeakSecretError with a plain message when `secret` may not be used."""
    if kind == SecretKind.PIN:
        if not PIN_PATTERN.match(secret):
            raise WeakSecretError("PIN은 숫자 6자리여야 합니다", "the PIN must be exactly 6 digits")
        if len(set(secret)) == 1 or secret in "0123456789" or secret in "9876543210":
            raise WeakSecretError(
                "너무 쉬운 PIN입니다(같은 숫자나 연속 숫자). 다른 PIN을 고르세요.",
                "that PIN is too easy to guess (repeated or consecutive digits); choose another",
            )
        return
    if len(secret) < PASSWORD_MIN_CHARS:
        raise WeakSecretError(
            f"비밀번호는 {PASSWORD_MIN_CHARS}자 이상이어야 합니다",
            f"the password needs at least {PASSWORD_MIN_CHARS} characters",
        )
    if len(secret) > PASSWORD_MAX_CHARS:
        raise WeakSecretError(
            f"비밀번호는 {PASSWORD_MAX_CHARS}자 이하여야 합니다",
            f"the password may have at most {PASSWORD_MAX_CHARS} characters",
        )
    if secret.strip() != secret:
        raise WeakSecretError(
            "비밀번호 앞뒤에 공백을 넣을 수 없습니다", "the password may not start or end with a space"
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_secret(secret: str, cost: ScryptCost = DEFAULT_COST) -> str:
    """`scrypt$n$r$p$salt$key` (base64), self-describing so the cost can be raised later."""
    salt = os.urandom(SALT_BYTES)
    key = hashlib.scrypt(
        secret.encode("utf-8"),
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=cost.maxmem,
        dklen=KEY_BYTES,
    )
    return f"{SCHEME}${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(key)}"


def verify_secret(secret: str, encoded: str) -> bool:
    """True when `secret` matches; a malformed stored hash never matches (and never raises)."""
    try:
        scheme, n, r, p, salt_b64, key_b64 = encoded.split("$")
        if scheme != SCHEME:
            return False
        cost = ScryptCost(int(n), int(r), int(p))
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(key_b64, validate=True)
        actual = hashlib.scrypt(
            secret.encode("utf-8"),
            salt=salt,
            n=cost.n,
            r=cost.r,
            p=cost.p,
            maxmem=cost.maxmem,
            dklen=len(expected),
        )
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(encoded: str, cost: ScryptCost = DEFAULT_COST) -> bool:
    """True when a stored hash uses weaker factors than `cost` (re-hash after the next good login)."""
    try:
        _scheme, n, r, p, _salt, _key = encoded.split("$")
        return (int(n), int(r), int(p)) < (cost.n, cost.r, cost.p)
    except ValueError:
        return True
