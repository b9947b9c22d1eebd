"""The QR payload: format version, shop key id, pass id, expiry and an HMAC tag; nothing personal.

Text form is "SG:" + base32 without padding, all characters from QR's alphanumeric set, so the
31 bytes fit a version-3 code at error-correction level M.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import struct
from dataclasses import dataclass

from shopguard.access.keys import KEY_ID_BYTES, ShopKey
from shopguard.access.verdict import Reason

PREFIX = "SG:"
FORMAT_VERSION = 1
TAG_BYTES = 16  # 128-bit truncated HMAC-SHA256
_BODY = struct.Struct(f">B{KEY_ID_BYTES}sII")  # version, key id, pass id, expires (epoch s)
PAYLOAD_BYTES = _BODY.size + TAG_BYTES
MAX_TEXT_CHARS = 200


@dataclass(frozen=True)
class PassToken:
    pass_id: int
    expires_ts: int  # epoch seconds


class TokenError(Exception):
    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.value)
        self.reason = reason


def encode_token(token: PassToken, key: ShopKey) -> str:
    body = _BODY.pack(FORMAT_VERSION, key.key_id, token.pass_id, token.expires_ts)
    raw = body + key.tag(body, TAG_BYTES)
    return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


def decode_token(text: str, key: ShopKey) -> PassToken:
    """The token in `text`, or TokenError with the reason it cannot be trusted."""
    text = text.strip()
    if not text.startswith(PREFIX) or len(text) > MAX_TEXT_CHARS:
        raise TokenError(Reason.UNREADABLE)
    encoded = text[len(PREFIX) :]
    try:
        raw = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    except (binascii.Error, ValueError):
        raise TokenError(Reason.UNREADABLE) from None
    # Only the canonical spelling counts: base32's spare bits must not let two texts mean one pass.
    if len(raw) != PAYLOAD_BYTES or base64.b32encode(raw).decode("ascii").rstrip("=") != encoded:
        raise TokenError(Reason.UNREADABLE)
    body, tag = raw[: _BODY.size], raw[_BODY.size :]
    version, key_id, pass_id, expires_ts = _BODY.unpack(body)
    if version != FORMAT_VERSION:
        raise TokenError(Reason.UNREADABLE)
    if not hmac.compare_digest(key_id, key.key_id):
        raise TokenError(Reason.OTHER_SHOP)
    if not hmac.compare_digest(tag, key.tag(body, TAG_BYTES)):
        raise TokenError(Reason.FORGED)
    return PassToken(pass_id=pass_id, expires_ts=expires_ts)
