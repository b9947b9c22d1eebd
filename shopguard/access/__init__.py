"""Entry passes without Qt: signing, verification, QR render/decode, door controller, entry log."""
