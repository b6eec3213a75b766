"""Opaque public identifiers and secret tokens."""

import hashlib
import secrets

_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud over the phone


def new_code(length: int = 10) -> str:
    """A random public code for URLs: unguessable, short, unambiguous when read aloud.

    Ten characters from 31 carry about 49 random bits. One draw of 64 random bits, written
    in base 31, is much faster than a draw per character, which matters in bulk imports.
    """
    number = secrets.randbits(64 + 5 * length)
    digits = []
    for _ in range(length):
        number, digit = divmod(number, len(_ALPHABET))
        digits.append(_ALPHABET[digit])
    return "".join(digits)


def new_token() -> str:
    """A secret for a link: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are stored only as this hash, so a database leak does not leak the links."""
    return hashlib.sha256(token.encode()).hexdigest()
