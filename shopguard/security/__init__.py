"""Security: owner and staff accounts, slow-hashed PINs and passwords, lockout, permissions, PIPA notice."""
