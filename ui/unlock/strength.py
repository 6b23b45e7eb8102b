"""A plain-words passphrase strength hint (a short rule of thumb, not a cracking estimate).

Hand-written: libraries such as zxcvbn are large and English-dictionary based; the hint only
needs to nudge people towards several unrelated words.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.keys import MIN_PASSPHRASE_LENGTH

_COMMON = frozenset(
    {"password", "passw0rd", "letmein", "qwerty", "123456", "12345678", "welcome", "nhs", "admin"}
)


@dataclass(frozen=True)
class Strength:
    level: int  # 0 too short, 1 weak, 2 fair, 3 strong
    word: str
    hint: str


def passphrase_strength(passphrase: str) -> Strength:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return Strength(0, "too short", f"use at least {MIN_PASSPHRASE_LENGTH} characters")
    if _looks_common(passphrase):
        return Strength(1, "weak", "avoid common passwords; use three or four unrelated words")
    if _looks_strong(passphrase):
        return Strength(3, "strong", "good: long and hard to guess")
    if len(passphrase) >= 12 or _character_kinds(passphrase) >= 3:
        return Strength(2, "fair", "longer is stronger: add another word")
    return Strength(1, "weak", "add more words; three or four unrelated words work well")


def _looks_common(passphrase: str) -> bool:
    """A short passphrase built on a well-known password is weak whatever else it has."""
    lowered = passphrase.lower()
    return any(word in lowered for word in _COMMON) and len(passphrase) < 16


def _looks_strong(passphrase: str) -> bool:
    """Very long, or several words of fair total length."""
    words = [w for w in passphrase.replace("-", " ").split() if w]
    return len(passphrase) >= 20 or (len(words) >= 4 and len(passphrase) >= 16)


def _character_kinds(passphrase: str) -> int:
    """How many of lower case, upper case, digits and symbols appear."""
    return sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
