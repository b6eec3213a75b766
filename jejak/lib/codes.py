"""Opaque public identifiers and secret tokens."""

import hashlib
import os
import secrets

_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud over the phone


def new_code(length: int = 10) -> str:
    """A random public code for URLs: unguessable, short, unambiguous when read aloud.

    Ten characters from 31 carry about 49 random bits. One draw of random bits written in
    base 31 is much faster than a draw per character.
    """
    number = secrets.randbits(64 + 5 * length)
    digits = []
    for _ in range(length):
        number, digit = divmod(number, len(_ALPHABET))
        digits.append(_ALPHABET[digit])
    return "".join(digits)


# os.urandom bytes below 248 (8 times 31) map evenly onto the alphabet; the rest are dropped.
_BYTE_TO_CHAR = bytes(ord(_ALPHABET[b % len(_ALPHABET)]) for b in range(248)) + bytes(8)
_UNEVEN = bytes(range(248, 256))


def new_codes(count: int, length: int = 10) -> list[str]:
    """`count` codes like `new_code`, drawn in one go for bulk imports."""
    text = b""
    while len(text) < count * length:
        text += os.urandom(count * length + 64).translate(_BYTE_TO_CHAR, _UNEVEN)
    chars = text.decode("ascii")
    return [chars[i * length : (i + 1) * length] for i in range(count)]


def new_token() -> str:
    """A secret for a link: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are stored only as this hash, so a database leak does not leak the links."""
    return hashlib.sha256(token.encode()).hexdigest()
